package workbench.loop;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.model.ModelCard;
import workbench.model.ModelSource;
import workbench.model.SketchbookAutoencoder;
import workbench.model.SketchbookDiffusion;

/**
 * The loop on a diffusion model over the autoencoder's latents: the shipped checker beside the
 * latent network and autoencoder of {@code experiments/latent-diffusion} (real weights, real
 * engine). What the pixel model guarantees holds here too.
 */
class LatentDiffusionLoopTest {

  static final Path EXPERIMENT = Path.of("experiments/latent-diffusion");
  static final Path SHIPPED = Path.of("src/main/resources/models/sketchbook-v1");

  @TempDir
  static Path folder;
  static LoopModels models;
  static RecipeFactory recipes;
  static GenerationLoop loop;

  @BeforeAll
  static void load() throws Exception {
    for (String file : List.of("checker.params", "generator.params", "judge.params")) {
      Files.copy(SHIPPED.resolve(file), folder.resolve(file));
    }
    Files.copy(EXPERIMENT.resolve(SketchbookAutoencoder.WEIGHTS), folder.resolve(SketchbookAutoencoder.WEIGHTS));
    Files.copy(EXPERIMENT.resolve(SketchbookDiffusion.WEIGHTS), folder.resolve(SketchbookDiffusion.WEIGHTS));
    ModelCard.readOrFresh(SHIPPED).writeTo(folder);
    models = LoopModels.load(ModelSource.directory(folder), Device.cpu());
    recipes = new RecipeFactory(models);
    loop = new GenerationLoop(models);
  }

  @AfterAll
  static void close() {
    models.close();
  }

  static Recipe recipe(String prompt, long seed, int steps) {
    return recipes.recipe(new RecipeFactory.Request(prompt, "", seed, steps, "diffusion", 1));
  }

  static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  static byte[] png(LoopResult result) {
    return PngMetadata.write(result.finalImage(), RecipeText.pngTexts(result.recipe()));
  }

  @Test
  void sameRecipeSamePngBytesAnotherSeedAnotherImageAndABatchGivesEachItsOwnBytes() {
    var a = recipe("a red ball on the left", 42, 5);
    var b = recipe("a yellow moon:: night::2", 43, 5);
    var first = loop.run(a, LoopListener.NONE);
    assertThat(png(loop.run(a, LoopListener.NONE))).isEqualTo(png(first));
    var together = loop.run(List.of(a, b), LoopListener.NONE);
    assertThat(png(together.get(0))).isEqualTo(png(first));
    assertThat(pixels(together.get(1).raw())).isNotEqualTo(pixels(first.raw()));
  }

  @Test
  void theStartingSeedImageIsTheLatentStaticAndEveryStepIsScoredOnTheDecodedPrediction() {
    var shown = new HashMap<Integer, BufferedImage>();
    var result = loop.run(recipe("a green tree", 9, 4), new LoopListener() {
      @Override
      public void stepped(int item, int step, int steps, TermScores scores, BufferedImage image) {
        shown.put(step, image);
      }
    });
    // 16x16 cells of static, each 4x4 pixels: not a decoded picture.
    BufferedImage seedImage = result.staticImage();
    assertThat(seedImage.getRGB(0, 0)).isEqualTo(seedImage.getRGB(3, 3));
    assertThat(seedImage.getRGB(0, 0)).isNotEqualTo(seedImage.getRGB(4, 0));
    assertThat(result.trace()).extracting(LoopResult.TraceStep::step).containsExactly(0, 1, 2, 3, 4);
    assertThat(pixels(result.raw())).isEqualTo(pixels(shown.get(4)));
    assertThat(pixels(shown.get(4))).isNotEqualTo(pixels(shown.get(3)));
  }

  @Test
  void checkerGuidanceFollowsTheScoreBackThroughTheDecoder() {
    var r = recipe("a green apple on the left", 4, 8);
    var off = loop.run(r, LoopListener.NONE);
    var on = loop.run(ImageEvaluation.withSettings(r, Map.of(DiffusionArtProcess.GUIDANCE, SketchbookDiffusion.DEFAULT_GUIDANCE,
        DiffusionArtProcess.CHECKER_GUIDANCE, 1.0)), LoopListener.NONE);
    assertThat(pixels(on.raw())).isNotEqualTo(pixels(off.raw()));
    assertThat(on.last().combined()).isGreaterThan(off.last().combined());
  }
}
