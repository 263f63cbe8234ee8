package workbench.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A1111 prompt editing on the built-in diffusion model, shipped weights, real engine: a term
 * conditions exactly the steps its {@code [from:to:when]} names, so the image is byte for byte the
 * plain prompt's until the switch and differs from the step after.
 */
class PromptEditingLoopTest {

  static LoopModels models;
  static RecipeFactory recipes;
  static GenerationLoop loop;

  @BeforeAll
  static void load() {
    models = LoopModels.sketchbook();
    recipes = new RecipeFactory(models);
    loop = new GenerationLoop(models);
  }

  @AfterAll
  static void close() {
    models.close();
  }

  /** The image shown after each step of a run. */
  static Map<Integer, int[]> stepImages(String prompt) {
    var shown = new HashMap<Integer, int[]>();
    var recipe = recipes.recipe(new RecipeFactory.Request(prompt, "", 11, 6, "diffusion", 1));
    loop.run(recipe, new LoopListener() {
      @Override
      public void stepped(int item, int step, int steps, TermScores scores, BufferedImage image) {
        shown.put(step, image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()));
      }
    });
    return shown;
  }

  @Test
  void promptEditingChangesTheImageAtTheStepItNames() {
    var plain = stepImages("a red apple");
    var edited = stepImages("[a red apple:a blue star:3]");
    for (int step = 0; step <= 3; step++) {
      assertThat(Arrays.equals(edited.get(step), plain.get(step))).as("step %d, before the switch", step).isTrue();
    }
    for (int step = 4; step <= 6; step++) {
      assertThat(Arrays.equals(edited.get(step), plain.get(step))).as("step %d, after the switch", step).isFalse();
    }
  }

  @Test
  void midjourneysSeedInThePromptIsTheRecipesSeed() {
    var recipe = recipes.recipe(new RecipeFactory.Request("a red apple --seed 4242", "", 11, 6, "diffusion", 1));
    assertThat(recipe.seed()).isEqualTo(4242);
    assertThat(recipe.termTexts()).containsExactly("a red apple");
    assertThat(recipes.recipe(new RecipeFactory.Request("a red apple", "", 11, 6, "diffusion", 1)).seed())
        .isEqualTo(11);
  }

  @Test
  void aTermAddedLaterLeavesTheEarlyStepsAlone() {
    var plain = stepImages("a green tree");
    var added = stepImages("a green tree, [a yellow moon:0.5]");
    assertThat(Arrays.equals(added.get(3), plain.get(3))).as("step 3, before the moon").isTrue();
    assertThat(Arrays.equals(added.get(4), plain.get(4))).as("step 4, with the moon").isFalse();
  }
}
