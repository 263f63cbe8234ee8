package workbench.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The loop on the shipped Sketchbook models and the real DJL engine. */
class GenerationLoopTest {

  static LoopModels models;
  static RecipeFactory recipes;

  @BeforeAll
  static void load() {
    models = LoopModels.sketchbook();
    recipes = new RecipeFactory(models);
  }

  @AfterAll
  static void close() {
    if (models != null) {
      models.close();
    }
  }

  static Recipe recipe(String prompt, long seed, int steps, String process) {
    return recipes.recipe(new RecipeFactory.Request(prompt, "", seed, steps, process, 4));
  }

  static byte[] png(LoopResult result) {
    return PngMetadata.write(result.finalImage(), RecipeText.pngTexts(result.recipe()));
  }

  @Test
  void sameRecipeGivesTheSameBytesAndAnotherSeedAnotherImage() {
    var loop = new GenerationLoop(models);
    var first = loop.run(recipe("red apple:: table::0.5", 42, 8, "guided"), LoopListener.NONE);
    var again = loop.run(recipe("red apple:: table::0.5", 42, 8, "guided"), LoopListener.NONE);
    var other = loop.run(recipe("red apple:: table::0.5", 43, 8, "guided"), LoopListener.NONE);
    assertThat(png(again)).isEqualTo(png(first));
    assertThat(png(other)).isNotEqualTo(png(first));
    assertThat(first.finalImage().getWidth()).isEqualTo(4 * first.raw().getWidth());
  }

  @Test
  void evolveIsRepeatableToo() {
    var loop = new GenerationLoop(models);
    var a = loop.run(recipe("a blue ball", 7, 6, "evolve"), LoopListener.NONE);
    var b = loop.run(recipe("a blue ball", 7, 6, "evolve"), LoopListener.NONE);
    assertThat(png(b)).isEqualTo(png(a));
  }

  @Test
  void scoresRiseFromTheStaticForMostHeldOutStylePrompts() {
    var prompts = List.of("a red apple on a table", "a yellow sun in the sky", "a green tree on grass",
        "two blue balls", "a house at night", "a hand with five fingers");
    var loop = new GenerationLoop(models);
    int rose = 0;
    for (int i = 0; i < prompts.size(); i++) {
      var result = loop.run(recipe(prompts.get(i), 100 + i, 12, "guided"), LoopListener.NONE);
      if (result.last().combined() > result.initial().combined()) {
        rose++;
      }
    }
    assertThat(rose).isGreaterThanOrEqualTo(5);
  }

  @Test
  void guidanceImprovesOnTheGeneratorsFirstImage() {
    var loop = new GenerationLoop(models);
    int better = 0;
    var prompts = List.of("a red apple", "a purple star", "a small green fish", "a big orange box");
    for (int i = 0; i < prompts.size(); i++) {
      var result = loop.run(recipe(prompts.get(i), 200 + i, 15, "guided"), LoopListener.NONE);
      if (result.last().combined() >= result.prior().combined()) {
        better++;
      }
    }
    assertThat(better).isGreaterThanOrEqualTo(3);
  }

  @Test
  void everyStepIsHeardAndTraced() {
    var heard = new ArrayList<Integer>();
    var result = new GenerationLoop(models).run(recipe("a red apple", 5, 5, "guided"), new LoopListener() {
      @Override
      public void stepped(int item, int step, int steps, TermScores scores, BufferedImage image) {
        heard.add(step);
        assertThat(steps).isEqualTo(5);
        assertThat(scores.terms()).hasSize(1);
      }
    });
    assertThat(heard).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(result.trace()).extracting(LoopResult.TraceStep::step).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.DONE);
  }

  @Test
  void cancelStopsAtTheNextStepAndKeepsTheImage() {
    var shown = new HashMap<Integer, BufferedImage>();
    var result = new GenerationLoop(models).run(recipe("a red apple", 5, 20, "guided"), new LoopListener() {
      int seen;

      @Override
      public void stepped(int item, int step, int steps, TermScores scores, BufferedImage image) {
        seen = step;
        shown.put(step, image);
      }

      @Override
      public boolean cancelled(int item) {
        return seen >= 3;
      }
    });
    assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.CANCELLED);
    assertThat(result.stepsRun()).isEqualTo(3);
    assertThat(result.trace()).extracting(LoopResult.TraceStep::step).containsExactly(0, 1, 2, 3);
    // The image kept is the one shown at step 3, not a step further (guided hands over each
    // step's images at the start of the next one).
    assertThat(pixels(result.raw())).isEqualTo(pixels(shown.get(3)));
    assertThat(pixels(shown.get(3))).isNotEqualTo(pixels(shown.get(2)));
  }

  private static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  @Test
  void stopsEarlyWhenTheCheckerIsConfident() {
    var base = recipe("a red apple", 11, 30, "guided");
    var full = new GenerationLoop(models).run(base, LoopListener.NONE);
    // The score the full run had at step 10: a run told to stop there stops by step 10.
    double threshold = TermScores.display(full.trace().get(10).combined());
    var schedule = new Schedule(30, base.schedule().stages(), threshold);
    var early = base.withSchedule(schedule);
    var result = new GenerationLoop(models).run(early, LoopListener.NONE);
    assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.STOPPED_EARLY);
    assertThat(result.stepsRun()).isBetween(1, 10);
    assertThat(result.trace()).hasSize(result.stepsRun() + 1);
  }

  @Test
  void twoWorkerThreadsGuideAtOnceAndGetWhatTheyWouldAlone() throws Exception {
    var loop = new GenerationLoop(models);
    var a = recipe("a red apple", 11, 5, "guided");
    var b = recipe("a blue ball", 12, 5, "guided");
    var aloneA = png(loop.run(a, LoopListener.NONE));
    var aloneB = png(loop.run(b, LoopListener.NONE));
    // The engine allows one gradient collector per JVM; without turns the second thread throws.
    var pool = Executors.newFixedThreadPool(2);
    try {
      var ra = pool.submit(() -> loop.run(a, LoopListener.NONE));
      var rb = pool.submit(() -> loop.run(b, LoopListener.NONE));
      assertThat(png(ra.get())).isEqualTo(aloneA);
      assertThat(png(rb.get())).isEqualTo(aloneB);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBatchIsRepeatableByteForByte() {
    var loop = new GenerationLoop(models);
    var batch = List.of(recipe("a red apple", 1, 6, "guided"), recipe("a blue ball", 2, 6, "guided"),
        recipe("a hand with four fingers", 3, 6, "guided"));
    var first = loop.run(batch, LoopListener.NONE);
    var again = loop.run(batch, LoopListener.NONE);
    for (int i = 0; i < batch.size(); i++) {
      assertThat(png(again.get(i))).as("item %d", i).isEqualTo(png(first.get(i)));
    }
  }

  @Test
  void aBatchGivesEachItemTheImageItWouldGetAlone() {
    var loop = new GenerationLoop(models);
    var batch = List.of(recipe("a red apple", 1, 6, "guided"), recipe("a blue ball", 2, 6, "guided"),
        recipe("a red apple", 3, 6, "guided"), recipe("a hand with four fingers", 4, 6, "guided"));
    var together = loop.run(batch, LoopListener.NONE);
    for (int i = 0; i < batch.size(); i++) {
      var alone = loop.run(batch.get(i), LoopListener.NONE);
      // Scores agree to float precision; pixels may differ by a rounding step at most.
      assertThat(together.get(i).last().combined()).isCloseTo(alone.last().combined(), Offset.offset(1e-3));
      assertThat(maxPixelDifference(together.get(i).raw(), alone.raw())).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void pngCarriesTheRecipe() {
    var result = new GenerationLoop(models).run(recipe("a red apple", 9, 3, "evolve"), LoopListener.NONE);
    Map<String, String> texts = PngMetadata.read(png(result));
    assertThat(RecipeText.fromJson(texts.get(RecipeText.RECIPE_KEY))).isEqualTo(result.recipe());
    // A1111's "Sampler" names only samplers A1111 knows (DDIM, DPM++ 2M); evolve is our own art process.
    assertThat(texts.get(RecipeText.PARAMETERS_KEY)).startsWith("a red apple\nSteps: 3, Seed: 9")
        .contains("Art process: evolve").doesNotContain("Sampler:");
  }

  static int maxPixelDifference(BufferedImage a, BufferedImage b) {
    int max = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          max = Math.max(max, Math.abs((p >> shift & 0xff) - (q >> shift & 0xff)));
        }
      }
    }
    return max;
  }
}
