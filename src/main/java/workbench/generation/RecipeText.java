package workbench.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place a recipe becomes text: JSON (full, for the database and the PNG's
 * {@code workbench-recipe} chunk) and A1111's {@code parameters} text, so that other tools
 * and people recognise it. Reading accepts both.
 */
public final class RecipeText {

  public static final String PARAMETERS_KEY = "parameters";
  public static final String RECIPE_KEY = "workbench-recipe";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private RecipeText() {}

  public static String json(Recipe recipe) {
    try {
      return JSON.writeValueAsString(recipe);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Recipe fromJson(String json) {
    try {
      return JSON.readValue(json, Recipe.class);
    } catch (JsonProcessingException e) {
      // A part the records refused (RecipeParts) says itself what is wrong, without Jackson's wrapping.
      var refusal = e.getCause() instanceof IllegalArgumentException refused ? refused.getMessage() : e.getOriginalMessage();
      throw new IllegalArgumentException("not a workbench recipe: " + refusal, e);
    }
  }

  /** A1111's layout: the prompt, then one line of "Key: value" settings. */
  public static String parameters(Recipe recipe) {
    var stage = recipe.schedule().stageAt(0);
    return recipe.prompt()
        + "\nSteps: " + recipe.steps()
        + ", Sampler: " + recipe.process()
        + ", Seed: " + recipe.seed()
        + ", Size: " + recipe.width() + "x" + recipe.height()
        + ", Model: " + recipe.modelId()
        + ", Model hash: " + recipe.weightsSha256().substring(0, Math.min(10, recipe.weightsSha256().length()))
        + ", Upscale: " + recipe.upscale()
        + ", Device: " + recipe.device()
        + (stage.settings().isEmpty() ? "" : ", Settings: " + stage.settings().toString().replace(",", ";"));
  }

  /** The PNG text chunks of an image made from {@code recipe}. */
  public static Map<String, String> pngTexts(Recipe recipe) {
    var texts = new LinkedHashMap<String, String>();
    texts.put(PARAMETERS_KEY, parameters(recipe));
    texts.put(RECIPE_KEY, json(recipe));
    return texts;
  }

  /** What an A1111-style {@code parameters} text says: prompt, negative prompt, settings. */
  public record Parameters(String prompt, String negativePrompt, Map<String, String> settings) {
    public Optional<Long> seed() {
      return Optional.ofNullable(settings.get("Seed")).flatMap(RecipeText::parseLong);
    }

    public Optional<Integer> steps() {
      return Optional.ofNullable(settings.get("Steps")).flatMap(RecipeText::parseLong).map(Long::intValue);
    }
  }

  /** Reads an A1111 {@code parameters} text (also the workbench's own). */
  public static Parameters readParameters(String text) {
    return readParameters(text, TextBudget.standard());
  }

  /** As {@link #readParameters(String)}, within {@code budget}'s time (the text is untrusted). */
  public static Parameters readParameters(String text, TextBudget budget) {
    var lines = text.strip().split("\n");
    int settingsLine = lines.length - 1;
    if (!lines[settingsLine].contains("Steps:") && !lines[settingsLine].contains("Seed:")) {
      settingsLine = lines.length;
    }
    var prompt = new StringBuilder();
    var negative = new StringBuilder();
    for (int i = 0; i < settingsLine; i++) {
      var line = lines[i];
      if (line.startsWith("Negative prompt:")) {
        negative.append(line.substring("Negative prompt:".length()).strip());
      } else if (negative.length() > 0) {
        negative.append('\n').append(line);
      } else {
        prompt.append(prompt.length() > 0 ? "\n" : "").append(line);
      }
    }
    var settings = settingsLine < lines.length ? settings(lines[settingsLine], budget) : new LinkedHashMap<String, String>();
    return new Parameters(prompt.toString().strip(), negative.toString().strip(), settings);
  }

  /**
   * The "Key: value, Key: value" line, in one pass. It reads what the pattern
   * {@code \s*([^:,]+):\s*([^,]*)} found, but that pattern backtracked quadratically on a key that
   * never meets its colon (issue 16: 27 s for 40,000 characters), so every part between commas
   * is scanned once: its key runs to its first colon (colons that open it are skipped), its value
   * to the comma; a part without a colon says nothing.
   */
  static Map<String, String> settings(String line, TextBudget budget) {
    var settings = new LinkedHashMap<String, String>();
    int start = 0;
    int parts = 0;
    while (start <= line.length()) {
      int comma = line.indexOf(',', start);
      int end = comma < 0 ? line.length() : comma;
      int key = start;
      while (key < end && line.charAt(key) == ':') {
        key++;
      }
      int colon = key;
      while (colon < end && line.charAt(colon) != ':') {
        colon++;
      }
      if (colon < end) {
        settings.put(line.substring(key, colon).strip(), line.substring(colon + 1, end).strip());
      }
      if (comma < 0) {
        break;
      }
      start = comma + 1;
      if (++parts % 4096 == 0) {
        budget.checkTime();
      }
    }
    budget.checkTime();
    return settings;
  }

  private static Optional<Long> parseLong(String s) {
    try {
      return Optional.of(Long.parseLong(s.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
