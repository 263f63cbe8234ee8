package workbench.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A recipe read from JSON that someone else wrote (a PNG's {@code workbench-recipe} chunk) and
 * that lacks a part is refused with the part's name, not passed on to fail with a
 * NullPointerException (issue 16, finding 9: {@code {"terms":[]}}).
 */
class RecipeJsonRefusalsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aRecipeWithoutItsPartsNamesTheMissingOne() {
    assertRefused("{\"terms\":[]}", "\"prompt\" is missing");
    assertRefused("{}", "\"prompt\" is missing");
    assertRefused(without("schedule"), "\"schedule\" is missing");
    assertRefused(without("terms"), "\"terms\" is missing");
    assertRefused(without("device"), "\"device\" is missing");
    assertRefused(edited(r -> r.putNull("modelId")), "\"modelId\" is missing");
    assertRefused(edited(r -> r.withArray("terms").insertNull(0)), "\"terms\" has an empty entry (1)");
    assertRefused(edited(r -> r.withArray("terms").addObject().put("weight", 1)), "a term has no \"text\"");
    assertRefused(edited(r -> ((ObjectNode) r.get("schedule")).remove("stages")), "\"schedule.stages\" is missing");
    assertRefused(edited(r -> ((ObjectNode) r.get("schedule")).putArray("stages").addNull()),
        "\"schedule.stages\" has an empty entry (1)");
    assertRefused(edited(r -> ((ObjectNode) r.get("schedule")).putArray("stages").addObject().put("fromStep", 0)),
        "a stage has no \"settings\"");
    assertThat(RecipeText.fromJson(RecipeText.json(RecipeTextTest.recipe()))).isEqualTo(RecipeTextTest.recipe());
  }

  private static void assertRefused(String json, String message) {
    assertThatThrownBy(() -> RecipeText.fromJson(json)).as(json)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a workbench recipe: " + message);
  }

  private static String without(String field) {
    return edited(r -> r.remove(field));
  }

  static String edited(Consumer<ObjectNode> edit) {
    try {
      var recipe = (ObjectNode) JSON.readTree(RecipeText.json(RecipeTextTest.recipe()));
      edit.accept(recipe);
      return JSON.writeValueAsString(recipe);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
