package workbench.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;

/**
 * The stored and printed form of a parsed prompt:
 * {@code {"dialect":"midjourney","terms":[{"text":"apple","weight":1.0,"normalisedWeight":0.333,
 * "span":{"start":0,"end":5}}, ...]}}. Field order is fixed: dialect, terms; in a term text and
 * weight come first; a scheduled term adds {@code "timing":"until 0.25"}, a term after a BREAK
 * its {@code "chunk"}, a term read inside a part with others (an A1111 {@code AND} part, a
 * Compel prompt) its {@code "part"} and that part's {@code "partWeight"} (the term's emphasis
 * there is weight / partWeight), a prompt with {@code --seed} its {@code "seed"}. Reading needs
 * only dialect, text and weight (timings are not read back: they come from the prompt text).
 */
public final class PromptJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PromptJson() {}

  public static String write(WeightedPrompt prompt) {
    var root = MAPPER.createObjectNode();
    root.put("dialect", prompt.dialect().id());
    var terms = root.putArray("terms");
    var normalised = prompt.normalisedWeights();
    for (int i = 0; i < prompt.size(); i++) {
      var term = prompt.term(i);
      var node = terms.addObject();
      node.put("text", term.text());
      node.put("weight", term.weight());
      node.put("normalisedWeight", normalised.get(i));
      var span = node.putObject("span");
      span.put("start", term.span().start());
      span.put("end", term.span().end());
      // Written for people and tools to see; reading re-parses the prompt text for them.
      if (!term.timing().isAlways()) {
        node.put("timing", term.timing().describe());
      }
      if (term.chunk() > 0) {
        node.put("chunk", term.chunk());
      }
      if (!term.ownPart()) {
        node.put("part", term.part());
        node.put("partWeight", term.partWeight());
      }
    }
    prompt.seed().ifPresent(seed -> root.put("seed", seed));
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always writes", e);
    }
  }

  /** Reads what {@link #write} wrote; throws IllegalArgumentException when the JSON is not that. */
  public static WeightedPrompt read(String json) {
    try {
      var root = MAPPER.readTree(json);
      var dialect = Dialect.fromId(required(root, "dialect").asText());
      var terms = new ArrayList<Term>();
      for (var node : required(root, "terms")) {
        var span = node.path("span");
        var term = new Term(required(node, "text").asText(), required(node, "weight").asDouble(),
            span.isObject() ? new Span(span.path("start").asInt(), span.path("end").asInt())
                : Span.NONE);
        terms.add(node.path("part").isInt() && node.path("partWeight").isNumber()
            ? term.inPart(node.path("part").asInt(), node.path("partWeight").asDouble()) : term);
      }
      return new WeightedPrompt(dialect, terms);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not prompt JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode required(JsonNode node, String field) {
    var value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("prompt JSON lacks '" + field + "'");
    }
    return value;
  }
}
