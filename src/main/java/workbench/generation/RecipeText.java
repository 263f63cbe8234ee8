package workbench.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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

  private static final Pattern SETTING = Pattern.compile("\\s*([^:,]+):\\s*([^,]*)");

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
    var settings = new LinkedHashMap<String, String>();
    if (settingsLine < lines.length) {
      var matcher = SETTING.matcher(lines[settingsLine]);
      while (matcher.find()) {
        settings.put(matcher.group(1).strip(), matcher.group(2).strip());
      }
    }
    return new Parameters(prompt.toString().strip(), negative.toString().strip(), settings);
  }

  private static Optional<Long> parseLong(String s) {
    try {
      return Optional.of(Long.parseLong(s.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
