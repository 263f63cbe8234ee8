package workbench.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import workbench.model.registry.Fixtures;
import workbench.model.registry.ModelRegistry;

/** The loop on the custom pairs of the fixtures: the tiny diffusion-shaped generator, the tiny CLIP-shaped checker. */
class DiffusionLoopTest {

  static final String PAIR = "tiny-sd+tiny-clip";
  static ModelRegistry registry;
  static LoopModels sketchbook;
  static LoopModels models;
  static RecipeFactory recipes;

  @BeforeAll
  static void load() {
    registry = ModelRegistry.scan(Fixtures.dir());
    sketchbook = LoopModels.sketchbook();
    models = LoopModels.pair(PAIR, registry, sketchbook);
    recipes = new RecipeFactory(models);
  }

  @AfterAll
  static void close() {
    registry.close();
    sketchbook.close();
  }

  static Recipe recipe(String prompt, long seed, int steps) {
    return recipes.recipe(new RecipeFactory.Request(prompt, "", seed, steps, "diffusion", 2, PAIR));
  }

  static byte[] png(LoopResult result) {
    return PngMetadata.write(result.finalImage(), RecipeText.pngTexts(result.recipe()));
  }

  @Test
  void theRecipeNamesThePairAndItsWeights() {
    var r = recipe("red apple:: table::0.5 --no blurry", 42, 4);
    assertThat(r.modelId()).isEqualTo(PAIR);
    assertThat(r.weightsSha256()).hasSize(64).isNotEqualTo(sketchbook.weightsSha256());
    assertThat(r.width()).isEqualTo(32);
    assertThat(r.schedule().stageAt(1).setting(DiffusionArtProcess.GUIDANCE, 0)).isEqualTo(7.5);
    assertThat(r.device()).isEqualTo("cpu()");
  }

  @Test
  void sameSeedSamePngBytesAnotherSeedAnotherImage() {
    var loop = new GenerationLoop(models);
    var first = loop.run(recipe("red apple:: table::0.5 --no blurry", 42, 4), LoopListener.NONE);
    var again = loop.run(recipe("red apple:: table::0.5 --no blurry", 42, 4), LoopListener.NONE);
    var other = loop.run(recipe("red apple:: table::0.5 --no blurry", 43, 4), LoopListener.NONE);
    assertThat(png(again)).isEqualTo(png(first));
    assertThat(png(other)).isNotEqualTo(png(first));
    assertThat(first.raw().getWidth()).isEqualTo(32);
    assertThat(first.finalImage().getWidth()).isEqualTo(64);
  }

  @Test
  void everySamplerStepIsHeardWithCheckerScores() {
    var heard = new ArrayList<Integer>();
    var scores = new ArrayList<TermScores>();
    var result = new GenerationLoop(models).run(recipe("red apple:: tart::2 --no ugly", 7, 5), new LoopListener() {
      @Override
      public void stepped(int item, int step, int steps, TermScores s, BufferedImage image) {
        heard.add(step);
        scores.add(s);
        assertThat(image.getWidth()).isEqualTo(32);
      }
    });
    assertThat(heard).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(result.trace()).hasSize(6);
    for (var s : scores) {
      assertThat(s.terms()).extracting(TermScores.TermScore::text).containsExactly("red apple", "tart", "ugly");
    }
    assertThat(scores.stream().map(TermScores::combined).distinct().count()).as("scores move as the image forms").isGreaterThan(1);
  }

  @Test
  void aBatchGivesEachItemTheImageItWouldGetAlone() {
    var loop = new GenerationLoop(models);
    var a = recipe("red apple", 1, 3);
    var b = recipe("a blue cat:: watercolor::2", 2, 3);
    var together = loop.run(List.of(a, b), LoopListener.NONE);
    assertThat(png(together.get(1))).isEqualTo(png(loop.run(b, LoopListener.NONE)));
  }

  @Test
  void theOtherProcessesAreRefusedForADiffusionModelAndDiffusionForThePriorSteeredByAClip() {
    assertThatThrownBy(() -> recipes.recipe(new RecipeFactory.Request("red apple", "", 1, 3, "guided", 1, PAIR)))
        .isInstanceOf(InvalidRecipeException.class)
        .hasMessageContaining("Model tiny-sd+tiny-clip runs the art process diffusion, not 'guided'");
    // The Sketchbook prior steered by a CLIP has no diffusion model (the built-in pair has its own).
    var priorPair = LoopModels.pair("sketchbook-v1+tiny-clip", registry, sketchbook);
    var priorRecipes = new RecipeFactory(priorPair);
    assertThatThrownBy(() -> priorRecipes.recipe(new RecipeFactory.Request("red apple", "", 1, 3, "diffusion", 1,
        "sketchbook-v1+tiny-clip")))
        .isInstanceOf(InvalidRecipeException.class)
        .hasMessageContaining("runs the art process guided or evolve, not 'diffusion'");
  }

  @Test
  void theSketchbookCheckerCanScoreADiffusionModel() {
    var pair = LoopModels.pair("tiny-sd+sketchbook-v1", registry, sketchbook);
    var r = new RecipeFactory(pair)
        .recipe(new RecipeFactory.Request("red apple", "", 5, 2, "diffusion", 1, "tiny-sd+sketchbook-v1"));
    var result = new GenerationLoop(pair).run(r, LoopListener.NONE);
    // The Sketchbook checker scored every step of the CLIP-less pair: its similarity moves as the image forms.
    assertThat(result.trace()).hasSize(3);
    assertThat(result.trace().stream().map(t -> t.terms()[0]).distinct().count()).isGreaterThan(1);
    assertThat(result.raw().getWidth()).isEqualTo(32);
  }

  @Test
  void aClipCheckerSteersTheSketchbookPriorWithGuidedAndEvolve() {
    var id = "sketchbook-v1+tiny-clip";
    var pair = LoopModels.pair(id, registry, sketchbook);
    assertThat(pair.processes()).containsExactly("guided", "evolve");
    var factory = new RecipeFactory(pair);
    var loop = new GenerationLoop(pair);
    for (var process : List.of("guided", "evolve")) {
      var r = factory.recipe(new RecipeFactory.Request("red apple --no blurry", "", 9, 4, process, 1, id));
      assertThat(r.width()).isEqualTo(64);
      var a = loop.run(r, LoopListener.NONE);
      var b = loop.run(r, LoopListener.NONE);
      assertThat(png(b)).as(process).isEqualTo(png(a));
      // The CLIP-shaped checker's score of the prior's image rises as the art process works on it
      // (guided: through gradients of the TorchScript image encoder).
      assertThat(a.last().combined()).as(process).isGreaterThan(a.prior().combined());
    }
  }
}
