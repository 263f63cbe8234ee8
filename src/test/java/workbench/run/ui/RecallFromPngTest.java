package workbench.run.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.UploadKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.upload.Upload;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import workbench.KaribuTest;
import workbench.gallery.StoredRuns;
import workbench.loop.PngMetadata;
import workbench.loop.RecipeFactory;
import workbench.loop.RecipeText;
import workbench.run.GenerationService;

/** Dropping a PNG on the generate page fills the form from the recipe it carries, or says why not. */
class RecallFromPngTest extends KaribuTest {

  @Autowired GenerationService generation;
  GenerateView view;

  @BeforeEach
  void open() {
    UI.getCurrent().navigate(GenerateView.class);
    view = _get(GenerateView.class);
  }

  void drop(String name, byte[] png) {
    UploadKt._upload(_get(Upload.class), name, "image/png", png);
    MockVaadin.clientRoundtrip();
  }

  @Test
  void aWorkbenchPngFillsEverything() {
    var recipe = StoredRuns.recipe("red apple:: table::0.5", 42, 12);
    drop("apple.png", PngMetadata.write(StoredRuns.picture(64, Color.RED), RecipeText.pngTexts(recipe)));

    assertThat(view.form.editor.getValue()).isEqualTo("red apple:: table::0.5");
    assertThat(view.form.seed.getValue()).isEqualTo("42");
    assertThat(view.form.steps.getValue()).isEqualTo(12);
    assertThat(view.form.process.getValue()).isEqualTo("guided");
    assertThat(view.form.upscale.getValue()).isEqualTo(4);
    assertThat(view.form.lockSeed.getValue()).isTrue();
    assertThat(view.form.error.isVisible()).isFalse();
  }

  @Test
  void anA1111PngFillsPromptSeedAndStepsAndSaysWhatItLeftOut() {
    var parameters = "a cat in a (red hat:1.2)\nNegative prompt: blurry\n"
        + "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 512x512, Model: sd15";
    drop("cat.png", PngMetadata.write(StoredRuns.picture(64, Color.BLUE), Map.of("parameters", parameters)));

    assertThat(view.form.editor.getValue()).isEqualTo("a cat in a (red hat:1.2)");
    assertThat(view.form.editor.dialect().id()).isEqualTo("a1111");
    assertThat(view.form.seed.getValue()).isEqualTo("1234");
    assertThat(view.form.steps.getValue()).isEqualTo(20);
    // The page's process is diffusion, which has classifier-free guidance: both settings come along.
    assertThat(view.form.process.getValue()).isEqualTo("diffusion");
    assertThat(view.form.negativePrompt.getValue()).isEqualTo("blurry");
    assertThat(view.form.cfgScale.getValue()).isEqualTo(7.0);
    assertThat(view.form.warning.getText()).contains("Euler a").doesNotContain("negative prompt");
  }

  @Test
  void aGuidedPngsNegativePromptAndCfgScaleAreLeftOutWithANote() {
    drop("guided.png", PngMetadata.write(StoredRuns.picture(64, Color.BLUE), Map.of("parameters",
        "a red ball\nNegative prompt: night\nSteps: 12, CFG scale: 7, Seed: 3, Size: 64x64, Art process: guided")));
    assertThat(view.form.process.getValue()).isEqualTo("guided");
    assertThat(view.form.negativePrompt.isVisible()).isFalse();
    assertThat(view.form.negativePrompt.getValue()).isEmpty();
    assertThat(view.form.cfgScale.getValue()).isNull();
    assertThat(view.form.warning.getText()).contains("the negative prompt was left out: art process guided has none")
        .contains("CFG scale 7 was left out");
  }

  @Test
  void aWorkbenchDiffusionPngBringsItsNegativePromptAndCfgScale() {
    var asked = new RecipeFactory.Request("a red ball", "", 5, 6, "diffusion", 1)
        .withGuidance("night", 5.0);
    var recipe = generation.recipe(asked);
    drop("ball.png", PngMetadata.write(StoredRuns.picture(64, Color.RED), RecipeText.pngTexts(recipe)));
    assertThat(view.form.error.isVisible()).isFalse();
    assertThat(view.form.process.getValue()).isEqualTo("diffusion");
    assertThat(view.form.negativePrompt.isVisible()).isTrue();
    assertThat(view.form.negativePrompt.getValue()).isEqualTo("night");
    assertThat(view.form.cfgScale.getValue()).isEqualTo(5.0);
    assertThat(view.form.currentOrDefaults().negativePrompt()).isEqualTo("night");
    assertThat(view.form.currentOrDefaults().cfgScale()).isEqualTo(5.0);
  }

  @Test
  void aRecalledA1111TagListStaysA1111() {
    // Issue 19, point 2: the editor re-detected the dialect, and a tag list became one Midjourney term.
    drop("tags.png", PngMetadata.write(StoredRuns.picture(64, Color.BLUE),
        Map.of("parameters", "apple, red, table, watercolor\nSteps: 12, Sampler: Euler a, Seed: 7, Size: 64x64")));
    assertThat(view.form.editor.dialect().id()).isEqualTo("a1111");
    assertThat(view.form.editor.prompt()).hasValueSatisfying(p -> assertThat(p.terms()).hasSize(4));
  }

  @Test
  void aComfyUiPngFillsPromptAndStepsAndSaysWhyTheSeedWasKept() throws IOException {
    byte[] png;
    try (var in = getClass().getResourceAsStream("/png-metadata/sd-parsers/img2img_cropped.png")) {
      png = in.readAllBytes();
    }
    drop("img2img_cropped.png", png);
    assertThat(view.form.error.isVisible()).isFalse();
    assertThat(view.form.editor.getValue()).isEqualTo("photograph of victorian woman with wings, sky clouds, meadow grass");
    assertThat(view.form.editor.dialect().id()).isEqualTo("a1111");
    assertThat(view.form.editor.prompt()).hasValueSatisfying(p -> assertThat(p.terms()).hasSize(3));
    assertThat(view.form.steps.getValue()).isEqualTo(20);
    assertThat(view.form.warning.getText()).contains("seed 280823642470253 is outside");
    assertThat(view.form.negativePrompt.getValue()).isEqualTo("watermark, text");
    assertThat(view.form.cfgScale.getValue()).isEqualTo(8.0);
  }

  @Test
  void aPngWithoutParametersSaysSo() {
    drop("plain.png", PngMetadata.write(StoredRuns.picture(64, Color.GREEN), Map.of("Software", "paint")));
    assertThat(view.form.error.isVisible()).isTrue();
    assertThat(view.form.error.getText()).startsWith("No parameters found in plain.png");
  }

  @Test
  void notAPngAtAll() {
    drop("notes.png", "hello".getBytes(StandardCharsets.UTF_8));
    assertThat(view.form.error.getText()).startsWith("notes.png is not a PNG");
  }

  @Test
  void anOverSizeUploadIsRefusedByBytes() {
    var big = new byte[11 * 1024 * 1024];
    var png = PngMetadata.write(StoredRuns.picture(8, Color.GREEN), Map.of());
    System.arraycopy(png, 0, big, 0, png.length);
    drop("big.png", big);
    assertThat(view.form.error.getText()).isEqualTo("big.png is 11.0 MB; the most a PNG may be is 10.0 MB (setting workbench.gallery.max-upload-size)");
  }

  @Test
  void anOverSizeUploadIsRefusedByPixelsBeforeDecoding() {
    var png = PngMetadata.write(StoredRuns.picture(8, Color.GREEN), RecipeText.pngTexts(StoredRuns.recipe("x", 1, 1)));
    // IHDR says 5000 × 5000: the limit is checked from the header, the pixels are never decoded.
    writeInt(png, 16, 5000);
    writeInt(png, 20, 5000);
    drop("huge.png", png);
    assertThat(view.form.error.getText())
        .isEqualTo("huge.png is 5000 × 5000 pixels (25.0 megapixels); the most is 16.8 megapixels (setting workbench.gallery.max-upload-pixels)");
    assertThat(view.form.editor.getValue()).isEmpty();
  }

  private static void writeInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
