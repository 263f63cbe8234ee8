package workbench.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbench.prompt.Dialect;
import workbench.prompt.PromptParser;

class RecipeTextTest {

  static Recipe recipe() {
    var process = ArtProcesses.get("guided");
    return new Recipe(
        "red apple:: table::0.5", "midjourney",
        List.of(new Recipe.RecipeTerm("red apple", 1), new Recipe.RecipeTerm("table", 0.5)), "",
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
  void parametersTextIsInA1111sOwnTermsAndReadsBack() {
    var text = RecipeText.parameters(recipe());
    assertThat(text).startsWith("red apple, (table:0.5)\nSteps: 40, Seed: 42, Size: 64x64, Model hash: abababab"
        + "ab, Model: sketchbook-v1, Art process: guided, Upscale: 4, Device: cpu()");
    var read = RecipeText.readParameters(text);
    assertThat(read.prompt()).isEqualTo("red apple, (table:0.5)");
    assertThat(read.seed()).contains(42L);
    assertThat(read.steps()).contains(40);
    assertThat(RecipeText.artProcess(read.settings())).contains("guided");
  }

  @Test
  void theRecipesNegativePromptLeadsTheNegativePromptLineBeforeTheNegativeTerms() {
    var recipe = new Recipe("a red ball:: blurry::-0.5", "midjourney",
        List.of(new Recipe.RecipeTerm("a red ball", 1), new Recipe.RecipeTerm("blurry", -0.5)), "night, grass",
        42, 64, 64, "diffusion", ArtProcesses.get("diffusion").defaultSchedule(30), 4, "sketchbook-v1", "ab".repeat(32),
        "cpu()");
    var text = RecipeText.parameters(recipe);
    assertThat(text).contains("\nNegative prompt: night, grass, (blurry:0.5)\n");
    assertThat(RecipeText.readParameters(text).negativePrompt()).isEqualTo("night, grass, (blurry:0.5)");
    assertThat(RecipeText.fromJson(RecipeText.json(recipe))).isEqualTo(recipe);
    var onlyItsOwn = new Recipe("a red ball", "a1111", List.of(new Recipe.RecipeTerm("a red ball", 1)), "night",
        42, 64, 64, "diffusion", ArtProcesses.get("diffusion").defaultSchedule(30), 4, "sketchbook-v1", "ab".repeat(32),
        "cpu()");
    assertThat(RecipeText.parameters(onlyItsOwn)).startsWith("a red ball\nNegative prompt: night\nSteps: 30,");
  }

  @Test
  void aRecipeStoredBeforeNegativePromptsHasNone() {
    var json = RecipeText.json(recipe()).replace("\"negativePrompt\":\"\",", "");
    assertThat(json).doesNotContain("negativePrompt");
    var read = RecipeText.fromJson(json);
    assertThat(read.negativePrompt()).isEmpty();
    assertThat(read).isEqualTo(recipe());
  }

  @Test
  void negativeTermsGoToANegativePromptLineAndTheSizeIsTheImagesOwn() {
    // Issue 19, point 4: "--no blurry" was written verbatim, and the Size was the model's 64x64.
    var recipe = new Recipe("a watercolor apple:: table::0.5 --no blurry", "midjourney",
        List.of(new Recipe.RecipeTerm("a watercolor apple", 1), new Recipe.RecipeTerm("table", 0.5),
            new Recipe.RecipeTerm("blurry", -0.5)), "",
        42, 64, 64, "diffusion", ArtProcesses.get("diffusion").defaultSchedule(30), 4, "sketchbook-v1", "ab".repeat(32),
        "cpu()");
    assertThat(RecipeText.parameters(recipe, 256, 256)).isEqualTo("""
        a watercolor apple, (table:0.5)
        Negative prompt: (blurry:0.5)
        Steps: 30, Sampler: DDIM, CFG scale: 7.5, Seed: 42, Size: 256x256, Model hash: ababababab, Model: sketchbook-v1, \
        Art process: diffusion, Upscale: 4, Device: cpu()""");
  }

  /**
   * Our PNG's text → an A1111-style reader → the same terms, seed and steps, from every dialect
   * (the negative prompt's terms come back negated).
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      midjourney | red apple:: table::0.5 --no blurry
      midjourney | apple:: tart::2 red::-.5
      compel     | a (watercolor apple)1.3, table-, hand++
      a1111      | (red apple:1.2), [table], hand
      a1111      | a cat, (hat:-0.5)
      """)
  void a1111ReadersReadOurParametersBackExactly(String dialect, String prompt) {
    var parsed = PromptParser.parse(prompt, Dialect.fromId(dialect));
    var terms = parsed.terms().stream().map(t -> new Recipe.RecipeTerm(t.text(), t.weight())).toList();
    var recipe = new Recipe(prompt, dialect, terms, "", 4_000_000_000L, 64, 64, "dpmpp-2m",
        ArtProcesses.get("dpmpp-2m").defaultSchedule(25), 2, "sd-1-5+clip, custom", "cd".repeat(32), "gpu(0)");

    var read = RecipeText.readParameters(RecipeText.parameters(recipe, 128, 128));

    var back = new ArrayList<Recipe.RecipeTerm>();
    PromptParser.parse(read.prompt(), Dialect.A1111).terms()
        .forEach(t -> back.add(new Recipe.RecipeTerm(t.text(), t.weight())));
    if (!read.negativePrompt().isEmpty()) {
      PromptParser.parse(read.negativePrompt(), Dialect.A1111).terms()
          .forEach(t -> back.add(new Recipe.RecipeTerm(t.text(), -t.weight())));
    }
    assertThat(back).containsExactlyInAnyOrderElementsOf(terms);
    assertThat(read.seed()).contains(4_000_000_000L);
    assertThat(read.steps()).contains(25);
    assertThat(read.settings()).containsEntry("Sampler", "DPM++ 2M").containsEntry("Size", "128x128")
        .containsEntry("Model", "sd-1-5+clip, custom").containsEntry("Device", "gpu(0)");
    assertThat(RecipeText.artProcess(read.settings())).contains("dpmpp-2m");
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
        Map.entry("Steps", "20"), Map.entry("odd", "one"), Map.entry("Size", "512x512: big"),
        Map.entry("Seed", "7"), Map.entry("", "blank"));
  }

  @Test
  void linesAfterTheSettingsLineAreSettingsNotPrompt() {
    // sd-dynamic-prompts ("Save template to metadata", its README) appends the template lines after
    // A1111's settings line; issue 19, point 3: the settings were then not read at all.
    var read = RecipeText.readParameters("a red apple, table\nsecond line\nNegative prompt: blurry\n"
        + "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 99, Size: 512x512\n"
        + "Template: a {red|green} apple, table\nNegative Template: blurry");
    assertThat(read.prompt()).isEqualTo("a red apple, table\nsecond line");
    assertThat(read.negativePrompt()).isEqualTo("blurry");
    assertThat(read.seed()).contains(99L);
    assertThat(read.steps()).contains(20);
    assertThat(read.settings()).containsEntry("Template", "a {red|green} apple, table")
        .containsEntry("Negative Template", "blurry");
  }

  @Test
  void quotedSettingsKeepTheirCommasAndEscapes() {
    // A1111 quotes a value holding a comma or colon, JSON-style (infotext_utils.quote).
    var read = RecipeText.readParameters("x\nSteps: 20, Lora hashes: \"a: 1, b: 2\", "
        + "Note: \"say \\\"hi\\\"\", Seed: 3, Odd: \"never closed, Size: 1x1");
    assertThat(read.settings()).containsEntry("Lora hashes", "a: 1, b: 2").containsEntry("Note", "say \"hi\"")
        .containsEntry("Seed", "3").containsEntry("Odd", "\"never closed").containsEntry("Size", "1x1");
  }

  @Test
  void aSettingsLineOfQuotesIsReadInLinearTime() {
    // 400,000 characters of quoted values: ~0.1 s when linear (measured with a main() on this
    // machine), minutes if every quote were scanned to the end; the limit is generous because
    // this machine's CPUs are shared, not because the reading is slow.
    var hostile = "a red apple\nSteps: 1, " + "k: \"v, ".repeat(50_000);
    var read = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> RecipeText.readParameters(hostile));
    assertThat(read.steps()).contains(1);
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
