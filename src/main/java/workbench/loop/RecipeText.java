package workbench.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import workbench.prompt.Dialect;
import workbench.prompt.PromptRenderer;
import workbench.prompt.Term;
import workbench.prompt.WeightedPrompt;

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

  /** The A1111 sampler each art process is; guided and evolve are none of A1111's. */
  private static final Map<String, String> A1111_SAMPLERS = Map.of("diffusion", "DDIM", "dpmpp-2m", "DPM++ 2M");
  /** The settings key that names the art process itself, which A1111 readers leave alone. */
  public static final String ART_PROCESS_KEY = "Art process";

  /**
   * A1111's own layout and terms, so that A1111 and the tools that read its PNGs take it as
   * theirs: the positive terms in A1111 syntax (translated from the recipe's dialect), a
   * {@code Negative prompt:} line for the recipe's negative prompt and the negative terms, then
   * one line of settings with A1111's names ({@code Sampler} only where the art process is one of A1111's samplers,
   * {@code CFG scale} from the guidance, {@code Size} of the image these texts go into). The
   * full recipe stays in the JSON chunk; this text is for other tools and people.
   */
  public static String parameters(Recipe recipe, int imageWidth, int imageHeight) {
    var prompt = a1111Prompt(recipe);
    var stage = recipe.schedule().stageAt(0);
    var settings = new StringBuilder("Steps: " + recipe.steps());
    var sampler = A1111_SAMPLERS.get(recipe.process());
    if (sampler != null) {
      settings.append(", Sampler: ").append(sampler);
    }
    if (stage.settings().containsKey("guidance")) {
      settings.append(", CFG scale: ").append(BigDecimal.valueOf(stage.settings().get("guidance")).stripTrailingZeros().toPlainString());
    }
    settings.append(", Seed: ").append(recipe.seed())
        .append(", Size: ").append(imageWidth).append('x').append(imageHeight)
        .append(", Model hash: ").append(recipe.weightsSha256(), 0, Math.min(10, recipe.weightsSha256().length()))
        .append(", Model: ").append(quote(recipe.modelId()))
        .append(", ").append(ART_PROCESS_KEY).append(": ").append(recipe.process())
        .append(", Upscale: ").append(recipe.upscale())
        .append(", Device: ").append(quote(recipe.device()));
    var others = new TreeMap<>(stage.settings());
    others.remove("guidance");
    if (!others.isEmpty()) {
      settings.append(", Settings: ").append(quote(others.toString()));
    }
    // The recipe's negative prompt and its negative terms are both what A1111 would call negative.
    var negative = recipe.negativePrompt().isBlank() ? prompt[1]
        : prompt[1].isEmpty() ? recipe.negativePrompt() : recipe.negativePrompt() + ", " + prompt[1];
    return prompt[0] + (negative.isEmpty() ? "" : "\nNegative prompt: " + negative) + "\n" + settings;
  }

  /** As {@link #parameters(Recipe, int, int)} for an image of the recipe's own size. */
  public static String parameters(Recipe recipe) {
    return parameters(recipe, recipe.width(), recipe.height());
  }

  /**
   * The recipe's prompt as A1111 positive and negative prompts. A prompt already in A1111 with
   * no negative terms is kept as typed; anything else is rendered from its terms (a negative
   * weight −w becomes weight w in the negative prompt). A term A1111 cannot write keeps the text
   * as typed, as before.
   */
  static String[] a1111Prompt(Recipe recipe) {
    boolean anyNegative = recipe.terms().stream().anyMatch(t -> t.weight() < 0);
    if (recipe.dialect().equals(Dialect.A1111.id()) && !anyNegative) {
      return new String[] {recipe.prompt(), ""};
    }
    var positive = new ArrayList<Term>();
    var negative = new ArrayList<Term>();
    for (var term : recipe.terms()) {
      (term.weight() < 0 ? negative : positive).add(Term.of(term.text(), Math.abs(term.weight())));
    }
    try {
      return new String[] {
          PromptRenderer.render(new WeightedPrompt(Dialect.A1111, positive), Dialect.A1111),
          PromptRenderer.render(new WeightedPrompt(Dialect.A1111, negative), Dialect.A1111)};
    } catch (IllegalArgumentException cannot) {
      // A PromptRenderException (a term A1111 cannot write) or a prompt the records refuse.
      return new String[] {recipe.prompt(), ""};
    }
  }

  /** A1111's quoting of a setting's value that holds a comma, colon or quote (JSON-style). */
  static String quote(String value) {
    if (value.indexOf(',') < 0 && value.indexOf(':') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
      return value;
    }
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }

  /** The PNG text chunks of an image made from {@code recipe}, {@code width} × {@code height} pixels. */
  public static Map<String, String> pngTexts(Recipe recipe, int width, int height) {
    var texts = new LinkedHashMap<String, String>();
    texts.put(PARAMETERS_KEY, parameters(recipe, width, height));
    texts.put(RECIPE_KEY, json(recipe));
    return texts;
  }

  /** The PNG text chunks of {@code image}, made from {@code recipe}. */
  public static Map<String, String> pngTexts(Recipe recipe, BufferedImage image) {
    return pngTexts(recipe, image.getWidth(), image.getHeight());
  }

  /** The PNG text chunks for an image of the recipe's own size (tests, stored fixtures). */
  public static Map<String, String> pngTexts(Recipe recipe) {
    return pngTexts(recipe, recipe.width(), recipe.height());
  }

  /** The art process an A1111 {@code parameters} text names: ours, or the A1111 sampler that is one. */
  public static Optional<String> artProcess(Map<String, String> settings) {
    if (settings.containsKey(ART_PROCESS_KEY)) {
      return Optional.of(settings.get(ART_PROCESS_KEY).strip());
    }
    var sampler = settings.getOrDefault("Sampler", "").strip();
    return A1111_SAMPLERS.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(sampler)).map(Map.Entry::getKey)
        .findFirst();
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

  /**
   * As {@link #readParameters(String)}, within {@code budget}'s time (the text is untrusted).
   * The settings line is the last line that starts with {@code Steps: }, as A1111 writes it;
   * extensions append lines after it (sd-dynamic-prompts' {@code Template: …} and
   * {@code Negative Template: …}), which are read as settings of their own, not as prompt.
   */
  public static Parameters readParameters(String text, TextBudget budget) {
    var lines = text.strip().split("\r?\n", -1);
    int settingsLine = -1;
    for (int i = lines.length - 1; i >= 0 && settingsLine < 0; i--) {
      if (lines[i].startsWith("Steps: ")) {
        settingsLine = i;
      }
    }
    if (settingsLine < 0) {
      int last = lines.length - 1;
      settingsLine = lines[last].contains("Steps:") || lines[last].contains("Seed:") ? last : lines.length;
    }
    var prompt = new StringBuilder();
    var negative = new StringBuilder();
    boolean inNegative = false;
    for (int i = 0; i < settingsLine; i++) {
      var line = lines[i];
      if (!inNegative && line.startsWith("Negative prompt:")) {
        inNegative = true;
        negative.append(line.substring("Negative prompt:".length()).strip());
      } else if (inNegative) {
        negative.append('\n').append(line);
      } else {
        prompt.append(i > 0 ? "\n" : "").append(line);
      }
    }
    var settings = settingsLine < lines.length ? settings(lines[settingsLine], budget) : new LinkedHashMap<String, String>();
    for (int i = settingsLine + 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(": ");
      if (colon > 0) {
        settings.putIfAbsent(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 2).strip());
      }
    }
    return new Parameters(prompt.toString().strip(), negative.toString().strip(), settings);
  }

  /**
   * The "Key: value, Key: value" line, in one pass. It reads what A1111's pattern
   * {@code \s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)} finds, including its
   * quoted values ({@code Lora hashes: "a: 1, b: 2"}, JSON escapes), but patterns like it
   * backtracked quadratically on a key that never meets its colon (issue 16: 27 s for 40,000
   * characters), so every part is scanned once: its key runs to its first colon (colons that
   * open it are skipped), its value to the comma or to the closing quote; a part without a
   * colon says nothing.
   */
  static Map<String, String> settings(String line, TextBudget budget) {
    var settings = new LinkedHashMap<String, String>();
    int n = line.length();
    int start = 0;
    int parts = 0;
    while (start < n) {
      int key = start;
      while (key < n && line.charAt(key) == ':') {
        key++;
      }
      int colon = key;
      while (colon < n && line.charAt(colon) != ':' && line.charAt(colon) != ',') {
        colon++;
      }
      if (colon >= n || line.charAt(colon) == ',') {
        start = colon + 1;
      } else {
        int value = colon + 1;
        while (value < n && line.charAt(value) == ' ') {
          value++;
        }
        int end = -1;
        String read = null;
        if (value < n && line.charAt(value) == '"') {
          var unquoted = new StringBuilder();
          int i = value + 1;
          while (i < n && line.charAt(i) != '"') {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < n) {
              char escaped = line.charAt(++i);
              unquoted.append(escaped == 'n' ? '\n' : escaped);
            } else {
              unquoted.append(c);
            }
            i++;
          }
          if (i < n) { // closed: the value is what the quotes held
            read = unquoted.toString();
            end = line.indexOf(',', i);
          }
        }
        if (read == null) {
          end = line.indexOf(',', value);
          read = line.substring(value, end < 0 ? n : end).strip();
        }
        settings.put(line.substring(key, colon).strip(), read);
        start = end < 0 ? n : end + 1;
      }
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
