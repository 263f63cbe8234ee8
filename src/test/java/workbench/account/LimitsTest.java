package workbench.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import workbench.grid.ExperimentDefinition;
import workbench.grid.GridService;
import workbench.grid.InvalidExperimentException;
import workbench.library.ImportException;
import workbench.library.LibraryInputException;
import workbench.library.LibraryService;
import workbench.library.PromptDraft;
import workbench.loop.InvalidRecipeException;
import workbench.loop.PngMetadata;
import workbench.loop.RecallException;
import workbench.loop.RecipeFactory;
import workbench.run.GenerationService;
import workbench.run.PausedQueueTest;
import workbench.run.RecipeRecall;

/**
 * Every limit hit once, with a message that names the limit and its setting. The base class
 * sets small limits: 3 queued jobs, prompts of 100 characters, grids of 50 cells and 100,000
 * pixels, uploads of 2 KB and 10,000 pixels, imports of 1 KB.
 */
class LimitsTest extends PausedQueueTest {

  @Autowired UserService users;
  @Autowired GenerationService generation;
  @Autowired GridService grids;
  @Autowired LibraryService libraries;
  @Autowired RecipeRecall recall;

  private AppUser editor;

  @BeforeEach
  void signInAnEditor() {
    SignIn.asSetupAdmin();
    editor = users.create(SignIn.unique("editor"), "editor-password", Role.EDITOR);
    SignIn.as(editor);
  }

  @Test
  void queuedJobsPerUser() {
    for (int i = 0; i < 3; i++) {
      generation.submit(FairQueueTest.request(i), 0);
    }
    assertThatThrownBy(() -> generation.submit(FairQueueTest.request(9), 0))
        .isInstanceOf(InvalidRecipeException.class)
        .hasMessageContaining("You have 3 jobs queued or running")
        .hasMessageContaining("the limit is 3 per user (setting workbench.limits.max-queued-jobs)");
    assertThat(activeRuns()).isEqualTo(3);
  }

  @Test
  void aGridMustFitTheQueueWhole() {
    generation.submit(FairQueueTest.request(1), 0);
    generation.submit(FairQueueTest.request(2), 0);
    var id = grids.create(grid(12, 1)); // 24 cells = 2 jobs of 16, and 2 queued: over 3
    assertThatThrownBy(() -> grids.start(id))
        .isInstanceOf(InvalidExperimentException.class)
        .hasMessageContaining("workbench.limits.max-queued-jobs")
        .hasMessageContaining("workbench.grid.batch-size");
    assertThat(activeRuns()).isEqualTo(2);
  }

  @Test
  void promptLength() {
    var tooLong = "apple ".repeat(17); // 102 characters
    assertThatThrownBy(() -> generation.recipe(new RecipeFactory.Request(tooLong, "", 1, 5, "guided", 1)))
        .isInstanceOf(InvalidRecipeException.class)
        .hasMessage("The prompt is 102 characters; the limit is 100 (setting workbench.limits.max-prompt-length)");
    var library = libraries.createLibrary(SignIn.unique("lib"), "");
    assertThatThrownBy(() -> libraries.createPrompt(library.id(), PromptDraft.of("long", tooLong)))
        .isInstanceOf(LibraryInputException.class)
        .hasMessageContaining("workbench.limits.max-prompt-length");
  }

  @Test
  void gridCells() {
    assertThatThrownBy(() -> grids.create(grid(30, 1)))
        .isInstanceOf(InvalidExperimentException.class)
        .hasMessageContaining("= 60 cells; the limit is 50 (setting workbench.grid.max-cells)");
  }

  @Test
  void gridPixels() {
    assertThatThrownBy(() -> grids.create(grid(10, 2)))
        .isInstanceOf(InvalidExperimentException.class)
        .hasMessageContaining("20 cells of 128×128 px")
        .hasMessageContaining("(setting workbench.grid.max-pixels)");
  }

  @Test
  void uploadSize() {
    var png = new byte[3000];
    assertThatThrownBy(() -> recall.recall("big.png", png, form()))
        .isInstanceOf(RecallException.class)
        .hasMessageContaining("big.png is 0.0 MB")
        .hasMessageContaining("(setting workbench.gallery.max-upload-size)");
  }

  @Test
  void uploadPixels() {
    var png = PngMetadata.write(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB), Map.of());
    assertThat(png.length).isLessThan(2048);
    assertThatThrownBy(() -> recall.recall("wide.png", png, form()))
        .isInstanceOf(RecallException.class)
        .hasMessageContaining("wide.png is 200 × 200 pixels")
        .hasMessageContaining("(setting workbench.gallery.max-upload-pixels)");
  }

  @Test
  void importSize() {
    var json = ("{\"padding\": \"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> libraries.importJson(new ByteArrayInputStream(json)))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("larger than the import limit of 1 KB (setting workbench.library.max-import-size)");
  }

  private static ExperimentDefinition grid(int seeds, int upscale) {
    return new ExperimentDefinition("limits", "", List.of(
            ExperimentDefinition.Variant.typed("plain", "a red apple"),
            ExperimentDefinition.Variant.typed("tart", "a red apple:: tart::")),
        ExperimentDefinition.seedsFrom(1, seeds), List.of(), ExperimentDefinition.Axis.none(), 5, "guided", upscale);
  }

  private static RecipeFactory.Request form() {
    return new RecipeFactory.Request("a red apple", "", 1, 5, "guided", 1);
  }
}
