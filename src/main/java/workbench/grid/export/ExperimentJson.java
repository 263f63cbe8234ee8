package workbench.grid.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import workbench.grid.ExperimentDefinition;
import workbench.grid.ExperimentResult;
import workbench.grid.InvalidExperimentException;
import workbench.grid.PairedComparison;

/**
 * The whole experiment as JSON: the definition (importing it re-creates the experiment),
 * the cells with their scores, the summaries and the comparisons with their verdicts, and the
 * sections other features add (a grid's blind reviews: {@code "sections": {"reviews": […]}}).
 * Import reads only the definition.
 */
public final class ExperimentJson {

  public static final String FORMAT = "prompt-workbench-experiment";

  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .addModule(new Jdk8Module())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      // "steps": 1.5 is refused, not run as 1.
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .build();

  private ExperimentJson() {}

  /** The file: format, definition, and the results as they stand. */
  public record Document(
      String format,
      int formatVersion,
      ExperimentDefinition definition,
      List<ExperimentResult.Cell> cells,
      List<ExperimentResult.VariantSummary> summaries,
      List<Verdict> verdicts,
      Map<String, Object> sections) {}

  public record Verdict(PairedComparison comparison, String text) {}

  public static String write(ExperimentResult result) {
    return write(result, Map.of());
  }

  /** As above, with other features' sections, each under its name. */
  public static String write(ExperimentResult result, Map<String, Object> sections) {
    var verdicts = result.comparisons().stream().map(c -> new Verdict(c, c.verdict())).toList();
    try {
      return JSON.writeValueAsString(new Document(FORMAT, 1, result.experiment().definition(), result.cells(),
          result.summaries(), verdicts, new TreeMap<>(sections)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The definition inside an experiment file; a bad file is refused with where it is bad. */
  public static ExperimentDefinition readDefinition(String json) {
    try {
      var tree = JSON.readTree(json);
      if (tree == null || !FORMAT.equals(tree.path("format").asText())) {
        throw new InvalidExperimentException("file", "Not a workbench experiment file: \"format\" must be '" + FORMAT + "'");
      }
      var definition = tree.get("definition");
      if (definition == null || !definition.isObject()) {
        throw new InvalidExperimentException("file", "Not a valid experiment file: it has no \"definition\" object");
      }
      // Parts newer than the format's first files may be absent; the CFG scale may be null (the
      // model's own), which the strict reading of every other part refuses, so it is read apart.
      var parts = ((ObjectNode) definition).deepCopy();
      parts.putIfAbsent("model", parts.textNode(""));
      parts.putIfAbsent("negativePrompt", parts.textNode(""));
      var cfg = parts.remove("cfgScale");
      if (cfg != null && !cfg.isNull() && !cfg.isNumber()) {
        throw new InvalidExperimentException("file", "Not a valid experiment file: \"cfgScale\" must be a number or null");
      }
      parts.put("cfgScale", 0.0);
      return JSON.treeToValue(parts, ExperimentDefinition.class)
          .withCfgScale(cfg == null || cfg.isNull() ? null : cfg.asDouble());
    } catch (JsonProcessingException e) {
      var where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
      throw new InvalidExperimentException("file", "Not a valid experiment file" + where + ": "
          + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IllegalArgumentException e) {
      throw new InvalidExperimentException("file", "Not a valid experiment file: " + e.getMessage());
    }
  }
}
