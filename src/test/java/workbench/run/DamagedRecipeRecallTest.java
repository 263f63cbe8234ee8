package workbench.run;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import workbench.DatabaseTest;
import workbench.loop.PngMetadata;
import workbench.loop.RecallException;
import workbench.loop.RecipeFactory;
import workbench.loop.RecipeText;

/**
 * Recalling a PNG whose own workbench recipe is damaged (anyone can write that chunk) says
 * which part is missing, rather than failing with a NullPointerException (issue 16, finding 9).
 */
class DamagedRecipeRecallTest extends DatabaseTest {

  @Autowired RecipeRecall recall;

  @Test
  void aRecipeChunkWithoutItsPartsIsRefusedNamingThePart() {
    var form = new RecipeFactory.Request("a red apple", "", 1, 10, "guided", 1, "");
    var image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    var noParts = PngMetadata.write(image, Map.of(RecipeText.RECIPE_KEY, "{\"terms\":[]}"));
    assertThatThrownBy(() -> recall.recall("empty.png", noParts, form))
        .isInstanceOf(RecallException.class)
        .hasMessage("empty.png: its workbench recipe is damaged (not a workbench recipe: \"prompt\" is missing)");
    var noSchedule = PngMetadata.write(image, Map.of(RecipeText.RECIPE_KEY,
        "{\"prompt\":\"a red apple\",\"dialect\":\"\",\"terms\":[],\"process\":\"guided\",\"modelId\":\"\","
            + "\"weightsSha256\":\"\",\"device\":\"cpu()\"}"));
    assertThatThrownBy(() -> recall.recall("unscheduled.png", noSchedule, form))
        .isInstanceOf(RecallException.class).hasMessageContaining("\"schedule\" is missing");
  }
}
