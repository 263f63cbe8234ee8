package workbench.generation;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecipeTextTest {

  static Recipe recipe() {
    var process = ArtProcesses.get("guided");
    return new Recipe(
        "red apple:: table::0.5", "midjourney",
        List.of(new Recipe.RecipeTerm("red apple", 1), new Recipe.RecipeTerm("table", 0.5)),
        42, 64, 64, "guided", process.defaultSchedule(40), 4, "sketchbook-v1",
        "ab".repeat(32), "cpu()");
  }

  @Test
  void jsonRoundTripsTheWholeRecipe() {
    var recipe = recipe();
    var json = RecipeText.json(recipe);
    assertThat(RecipeText.fromJson(json)).isEqualTo(recipe);
    assertThat(json).contains("\"seed\":42").contains("\"process\":\"guided\"");
  }

  @Test
  void parametersTextLooksLikeA1111AndReadsBack() {
    var text = RecipeText.parameters(recipe());
    assertThat(text).startsWith("red apple:: table::0.5\nSteps: 40, Sampler: guided, Seed: 42, Size: 64x64, Model: sketchbook-v1");
    var read = RecipeText.readParameters(text);
    assertThat(read.prompt()).isEqualTo("red apple:: table::0.5");
    assertThat(read.seed()).contains(42L);
    assertThat(read.steps()).contains(40);
  }

  @Test
  void readsA1111ParametersWithANegativePrompt() {
    var read = RecipeText.readParameters(
        "a watercolour of a house, night\nNegative prompt: blurry, photo\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 512x512");
    assertThat(read.prompt()).isEqualTo("a watercolour of a house, night");
    assertThat(read.negativePrompt()).isEqualTo("blurry, photo");
    assertThat(read.seed()).contains(1234L);
    assertThat(read.settings()).containsEntry("Sampler", "Euler a").containsEntry("Size", "512x512");
  }

  @Test
  void aHostileSettingsLineIsReadInLinearTime() {
    // Issue 16: the old pattern backtracked quadratically on a key that never meets its colon
    // (7 s at 20,000 characters); a megabyte of it must take milliseconds, not days.
    var hostile = "a red apple\nSteps: 1," + "a".repeat(1_000_000);
    var read = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> RecipeText.readParameters(hostile));
    assertThat(read.prompt()).isEqualTo("a red apple");
    assertThat(read.steps()).contains(1);
    assertThat(read.settings()).containsOnlyKeys("Steps");
  }

  @Test
  void settingsAreReadAsThePatternReadThem() {
    var read = RecipeText.readParameters("x\nSteps: 20,: odd: one, no colon here, Size: 512x512: big,::Seed:7, : blank");
    assertThat(read.settings()).containsExactly(
        java.util.Map.entry("Steps", "20"), java.util.Map.entry("odd", "one"), java.util.Map.entry("Size", "512x512: big"),
        java.util.Map.entry("Seed", "7"), java.util.Map.entry("", "blank"));
  }

  @Test
  void scheduleFindsTheStageOfAStep() {
    var schedule = ArtProcesses.get("guided").defaultSchedule(30);
    assertThat(schedule.stageAt(1).fromStep()).isZero();
    assertThat(schedule.stageAt(10).fromStep()).isEqualTo(10);
    assertThat(schedule.stageAt(29).fromStep()).isEqualTo(20);
    assertThat(schedule.stageAt(29).setting("rate", 0)).isLessThan(schedule.stageAt(1).setting("rate", 0));
  }
}
