package workbench.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import workbench.loop.RecalledRecipe.Source;

/**
 * What other tools write into a PNG, read into A1111's terms ({@link RecipeText.Parameters}:
 * prompt, negative prompt, {@code Seed}, {@code Steps}, {@code CFG scale}, {@code Sampler},
 * {@code Size}, {@code Model}) so that one recall path serves all of them. Where each tool keeps
 * what (the layouts of the fixtures under {@code src/test/resources/png-metadata}):
 * <ul>
 *   <li>Fooocus: JSON in {@code parameters} with {@code fooocus_scheme = fooocus};</li>
 *   <li>A1111 (and Forge, SD.Next, Fooocus's a1111 scheme): {@code parameters} text;</li>
 *   <li>ComfyUI: the {@code prompt} graph (node id → class_type, inputs; a link is
 *       {@code [node id, output]}): the sampler's positive and negative inputs lead to text
 *       encoders; its {@code workflow} chunk is only the editor's layout;</li>
 *   <li>InvokeAI: {@code invokeai_metadata} (3.x and later), {@code sd-metadata} (2.x) and the
 *       {@code Dream} command line (1.x–2.x), whose {@code [bracketed]} words are negative;</li>
 *   <li>NovelAI: {@code Software = NovelAI}, the prompt in {@code Description}, the rest in
 *       {@code Comment} JSON ({@code uc} is the negative prompt).</li>
 * </ul>
 * A file a tool wrote but that lacks what a recipe needs is refused with the tool's name and
 * what is missing. The text has already been read within the recall's budget; the JSON is
 * parsed in linear time and graphs are walked once per node.
 */
public final class ForeignMetadata {

  /** A tool's metadata in A1111's terms, with notes on what was read in a particular way. */
  public record Found(Source source, RecipeText.Parameters parameters, List<String> notes) {
    public Found {
      notes = List.copyOf(notes);
    }
  }

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private ForeignMetadata() {}

  /** The first format {@code texts} are in, or empty when none of these tools wrote them. */
  public static Optional<Found> read(String fileName, Map<String, String> texts, TextBudget budget) {
    var parameters = texts.getOrDefault(RecipeText.PARAMETERS_KEY, "");
    // Fooocus's own scheme is JSON in A1111's chunk; an A1111 prompt may also open with a brace
    // (sd-dynamic-prompts' {a|b}), so only a JSON object without the scheme's name counts too.
    if ("fooocus".equals(texts.get("fooocus_scheme")) || isJsonObject(parameters)) {
      return Optional.of(fooocus(fileName, parameters));
    }
    if (!parameters.isBlank()) {
      return Optional.of(new Found(Source.A1111, RecipeText.readParameters(parameters, budget), List.of()));
    }
    if (texts.containsKey("prompt")) {
      return Optional.of(comfyUi(fileName, texts.get("prompt")));
    }
    if (texts.containsKey("workflow")) {
      throw new RecallException(fileName + " has only ComfyUI's “workflow” chunk (the editor's layout), not the “prompt” "
          + "graph of what ran: save the image from ComfyUI's own Save Image node");
    }
    if (texts.containsKey("invokeai_metadata")) {
      return Optional.of(invokeAi(fileName, texts.get("invokeai_metadata")));
    }
    if (texts.containsKey("sd-metadata")) {
      return Optional.of(invokeAiLegacy(fileName, texts.get("sd-metadata")));
    }
    if (texts.containsKey("Dream")) {
      return Optional.of(dream(fileName, texts.get("Dream")));
    }
    if ("NovelAI".equals(texts.get("Software")) || texts.containsKey("Comment") && texts.containsKey("Description")) {
      return Optional.of(novelAi(fileName, texts));
    }
    return Optional.empty();
  }

  private static Found fooocus(String fileName, String text) {
    var json = object(fileName, "Fooocus", "parameters", text);
    var prompt = string(json, "prompt");
    if (prompt.isBlank()) {
      throw new RecallException(fileName + ": Fooocus's “parameters” JSON has no “prompt”");
    }
    var settings = new LinkedHashMap<String, String>();
    put(settings, "Steps", json.path("steps"));
    put(settings, "Sampler", json.path("sampler"));
    put(settings, "Schedule type", json.path("scheduler"));
    put(settings, "CFG scale", json.path("guidance_scale"));
    put(settings, "Seed", json.path("seed"));
    // Fooocus writes its resolution as a Python tuple: "(768, 1280)".
    var size = string(json, "resolution").replaceAll("[()\\s]", "").replace(',', 'x');
    if (!size.isEmpty()) {
      settings.put("Size", size);
    }
    put(settings, "Model", json.path("base_model"));
    put(settings, "Model hash", json.path("base_model_hash"));
    var notes = new ArrayList<String>();
    if (!string(json, "styles").isBlank() && !string(json, "styles").equals("[]")) {
      notes.add("Fooocus styles " + string(json, "styles") + " were applied to the prompt there, not here");
    }
    return new Found(Source.FOOOCUS, new RecipeText.Parameters(prompt, string(json, "negative_prompt"), settings), notes);
  }

  /** ComfyUI: the API-format graph, from the first sampler (lowest node id) back to its inputs. */
  private static Found comfyUi(String fileName, String text) {
    var graph = object(fileName, "ComfyUI", "prompt", text);
    String samplerId = null;
    for (var it = graph.fields(); it.hasNext(); ) {
      var node = it.next();
      var inputs = node.getValue().path("inputs");
      if (link(inputs.path("positive")) != null && link(inputs.path("negative")) != null
          && (samplerId == null || nodeOrder(node.getKey()) < nodeOrder(samplerId))) {
        samplerId = node.getKey();
      }
    }
    if (samplerId == null) {
      throw new RecallException(fileName + ": ComfyUI's “prompt” graph has no sampler (a KSampler node with positive and "
          + "negative inputs), so nothing says which prompt made the image");
    }
    var sampler = graph.path(samplerId).path("inputs");
    var positive = texts(graph, link(sampler.path("positive")));
    if (positive.isEmpty()) {
      throw new RecallException(fileName + ": in ComfyUI's “prompt” graph the positive input of sampler node " + samplerId
          + " leads to no text encoder (CLIPTextEncode) with a text");
    }
    var negative = texts(graph, link(sampler.path("negative")));
    var settings = new LinkedHashMap<String, String>();
    put(settings, "Steps", value(graph, sampler.path("steps")));
    put(settings, "Sampler", value(graph, sampler.path("sampler_name")));
    put(settings, "Schedule type", value(graph, sampler.path("scheduler")));
    put(settings, "CFG scale", value(graph, sampler.path("cfg")));
    put(settings, "Seed", value(graph, sampler.has("seed") ? sampler.path("seed") : sampler.path("noise_seed")));
    var latent = upstream(graph, link(sampler.path("latent_image")), "width");
    if (latent != null) {
      settings.put("Size", latent.path("width").asText() + "x" + latent.path("height").asText());
    }
    var model = upstream(graph, link(sampler.path("model")), "ckpt_name");
    if (model != null) {
      settings.put("Model", model.path("ckpt_name").asText());
    }
    var notes = new ArrayList<String>();
    if (positive.size() > 1) {
      notes.add(positive.size() + " texts feed ComfyUI's positive input (combined or set by area): joined into one prompt");
    }
    return new Found(Source.COMFYUI,
        new RecipeText.Parameters(String.join(", ", positive), String.join(", ", negative), settings), notes);
  }

  /** The texts of every text encoder upstream of {@code start}, nearest first, each node once. */
  private static List<String> texts(JsonNode graph, String start) {
    var texts = new ArrayList<String>();
    var seen = new HashSet<String>();
    var queue = new ArrayDeque<String>();
    if (start != null) {
      queue.add(start);
    }
    while (!queue.isEmpty()) {
      var id = queue.poll();
      if (!seen.add(id) || !graph.has(id)) {
        continue;
      }
      var node = graph.path(id);
      var inputs = node.path("inputs");
      if (node.path("class_type").asText().contains("TextEncode")) {
        // SDXL's encoder has text_g and text_l; the plain one has text. A text may be a link to a primitive.
        for (var name : List.of("text", "text_g", "text_l")) {
          var text = value(graph, inputs.path(name)).asText("").strip();
          if (!text.isEmpty() && !texts.contains(text)) {
            texts.add(text);
          }
        }
        continue;
      }
      for (var it = inputs.elements(); it.hasNext(); ) {
        var linked = link(it.next());
        if (linked != null) {
          queue.add(linked);
        }
      }
    }
    return texts;
  }

  /** The nearest node upstream of {@code start} that has the input {@code field}, or null. */
  private static JsonNode upstream(JsonNode graph, String start, String field) {
    var seen = new HashSet<String>();
    var queue = new ArrayDeque<String>();
    if (start != null) {
      queue.add(start);
    }
    while (!queue.isEmpty()) {
      var id = queue.poll();
      if (!seen.add(id) || !graph.has(id)) {
        continue;
      }
      var inputs = graph.path(id).path("inputs");
      if (inputs.has(field) && link(inputs.path(field)) == null) {
        return inputs;
      }
      for (var it = inputs.elements(); it.hasNext(); ) {
        var linked = link(it.next());
        if (linked != null) {
          queue.add(linked);
        }
      }
    }
    return null;
  }

  /** An input's value; a link to a primitive node is followed to that node's one value. */
  private static JsonNode value(JsonNode graph, JsonNode input) {
    var linked = link(input);
    if (linked == null) {
      return input;
    }
    var inputs = graph.path(linked).path("inputs");
    for (var name : List.of("value", "seed", "noise_seed", "text", "string", "int", "float")) {
      if (inputs.has(name) && link(inputs.path(name)) == null) {
        return inputs.path(name);
      }
    }
    return MissingNode.getInstance();
  }

  /** ComfyUI writes a link as {@code ["node id", output index]}. */
  private static String link(JsonNode input) {
    return input.isArray() && input.size() == 2 && input.get(0).isTextual() && input.get(1).isIntegralNumber()
        ? input.get(0).asText() : null;
  }

  private static long nodeOrder(String id) {
    try {
      return Long.parseLong(id.split(":")[0]);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static Found invokeAi(String fileName, String text) {
    var json = object(fileName, "InvokeAI", "invokeai_metadata", text);
    var prompt = string(json, "positive_prompt");
    if (prompt.isBlank()) {
      throw new RecallException(fileName + ": InvokeAI's “invokeai_metadata” has no “positive_prompt”");
    }
    var settings = new LinkedHashMap<String, String>();
    put(settings, "Steps", json.path("steps"));
    put(settings, "Sampler", json.path("scheduler"));
    put(settings, "CFG scale", json.path("cfg_scale"));
    put(settings, "Seed", json.path("seed"));
    if (json.has("width") && json.has("height")) {
      settings.put("Size", json.path("width").asText() + "x" + json.path("height").asText());
    }
    var model = json.path("model");
    put(settings, "Model", model.has("model_name") ? model.path("model_name") : model.path("name"));
    return new Found(Source.INVOKEAI, new RecipeText.Parameters(prompt, string(json, "negative_prompt"), settings), List.of());
  }

  /** InvokeAI 2.x: {@code image.prompt} is a string or a list of weighted prompts. */
  private static Found invokeAiLegacy(String fileName, String text) {
    var json = object(fileName, "InvokeAI", "sd-metadata", text);
    var image = json.path("image");
    var promptNode = image.path("prompt");
    var prompt = promptNode.isArray() && !promptNode.isEmpty() ? promptNode.get(0).path("prompt").asText("")
        : promptNode.asText("");
    if (prompt.isBlank()) {
      throw new RecallException(fileName + ": InvokeAI's “sd-metadata” has no “image.prompt”");
    }
    var settings = new LinkedHashMap<String, String>();
    put(settings, "Steps", image.path("steps"));
    put(settings, "Sampler", image.path("sampler"));
    put(settings, "CFG scale", image.path("cfg_scale"));
    put(settings, "Seed", image.path("seed"));
    if (image.has("width") && image.has("height")) {
      settings.put("Size", image.path("width").asText() + "x" + image.path("height").asText());
    }
    put(settings, "Model", json.path("model_weights"));
    return new Found(Source.INVOKEAI, bracketsNegative(prompt, settings), List.of());
  }

  /** InvokeAI 1.x–2.x: {@code "prompt" -s steps -S seed -W width -H height -C cfg -A sampler …}. */
  private static Found dream(String fileName, String text) {
    var line = text.strip();
    if (!line.startsWith("\"")) {
      throw new RecallException(fileName + ": InvokeAI's “Dream” line does not start with the quoted prompt");
    }
    var prompt = new StringBuilder();
    int i = 1;
    while (i < line.length() && line.charAt(i) != '"') {
      if (line.charAt(i) == '\\' && i + 1 < line.length()) {
        i++;
      }
      prompt.append(line.charAt(i++));
    }
    if (i >= line.length()) {
      throw new RecallException(fileName + ": InvokeAI's “Dream” line never closes the quotes of its prompt");
    }
    var options = line.substring(i + 1).strip().split("\\s+");
    var settings = new LinkedHashMap<String, String>();
    String width = null;
    String height = null;
    for (int o = 0; o + 1 < options.length; o++) {
      var v = options[o + 1];
      switch (options[o]) {
        case "-s" -> settings.put("Steps", v);
        case "-S" -> settings.put("Seed", v);
        case "-C" -> settings.put("CFG scale", v);
        case "-A" -> settings.put("Sampler", v);
        case "-W" -> width = v;
        case "-H" -> height = v;
        default -> {}
      }
    }
    if (width != null && height != null) {
      settings.put("Size", width + "x" + height);
    }
    return new Found(Source.INVOKEAI, bracketsNegative(prompt.toString(), settings), List.of());
  }

  /** InvokeAI 2.x wrote negative words in square brackets inside the prompt. */
  private static RecipeText.Parameters bracketsNegative(String prompt, Map<String, String> settings) {
    var positive = new StringBuilder();
    var negative = new ArrayList<String>();
    int depth = 0;
    var current = new StringBuilder();
    for (int i = 0; i < prompt.length(); i++) {
      char c = prompt.charAt(i);
      if (c == '[') {
        if (depth++ > 0) {
          current.append(c);
        }
      } else if (c == ']' && depth > 0) {
        if (--depth == 0) {
          negative.add(current.toString().strip());
          current.setLength(0);
        } else {
          current.append(c);
        }
      } else if (depth > 0) {
        current.append(c);
      } else {
        positive.append(c);
      }
    }
    return new RecipeText.Parameters(positive.toString().strip(), String.join(", ", negative), settings);
  }

  private static Found novelAi(String fileName, Map<String, String> texts) {
    var json = object(fileName, "NovelAI", "Comment", texts.getOrDefault("Comment", ""));
    var prompt = texts.getOrDefault("Description", string(json, "prompt"));
    if (prompt.isBlank()) {
      throw new RecallException(fileName + ": NovelAI's metadata has no prompt (neither “Description” nor “prompt” in "
          + "“Comment”)");
    }
    var settings = new LinkedHashMap<String, String>();
    put(settings, "Steps", json.path("steps"));
    put(settings, "Sampler", json.path("sampler"));
    put(settings, "CFG scale", json.path("scale"));
    put(settings, "Seed", json.path("seed"));
    if (json.has("width") && json.has("height")) {
      settings.put("Size", json.path("width").asText() + "x" + json.path("height").asText());
    }
    if (texts.containsKey("Source")) {
      settings.put("Model", texts.get("Source"));
    }
    var notes = new ArrayList<String>();
    if (prompt.contains("{")) {
      notes.add("NovelAI's {braces} emphasis has no A1111 equivalent here: braces were kept as text");
    }
    return new Found(Source.NOVELAI, new RecipeText.Parameters(prompt.strip(), string(json, "uc"), settings), notes);
  }

  private static JsonNode object(String fileName, String tool, String chunk, String text) {
    try {
      var json = JSON.readTree(text);
      if (json == null || !json.isObject()) {
        throw new RecallException(fileName + ": " + tool + "'s “" + chunk + "” chunk is not a JSON object");
      }
      return json;
    } catch (JsonProcessingException e) {
      throw new RecallException(fileName + ": " + tool + "'s “" + chunk + "” chunk is not JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }
  }

  private static boolean isJsonObject(String text) {
    if (!text.stripLeading().startsWith("{")) {
      return false;
    }
    try {
      return JSON.readTree(text).isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static String string(JsonNode json, String field) {
    var value = json.path(field);
    return value.isValueNode() ? value.asText() : value.isMissingNode() || value.isNull() ? "" : value.toString();
  }

  private static void put(Map<String, String> settings, String key, JsonNode value) {
    if (value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
      // Whole numbers stay whole: "cfg": 8.0 reads as "8.0", as the tool wrote it.
      settings.put(key, value.asText());
    }
  }
}
