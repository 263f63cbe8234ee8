package workbench.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import workbench.model.Evaluation;
import workbench.model.GeneratorPrior;
import workbench.model.JudgeEvaluation;
import workbench.model.JudgeTraining;
import workbench.model.ModelCard;
import workbench.model.ModelSource;
import workbench.model.SketchbookChecker;
import workbench.model.SketchbookJudge;

/**
 * {@code eval --json [--models DIR] [--scenes N] [--judge-scenes N] [--judge-only]}: held-out
 * metrics of the Sketchbook models; the judge's per-head accuracy goes under "judge".
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate the Sketchbook checker and generator on the held-out split.")
public final class EvalCommand implements Callable<Integer> {

  @Option(names = "--json", description = "print the metrics as JSON")
  boolean json;

  @Option(names = "--models", description = "model folder (default: the shipped models on the classpath)")
  Path models;

  @Option(names = "--scenes", defaultValue = "1000", description = "held-out scenes (default: ${DEFAULT-VALUE})")
  int scenes;

  @Option(names = "--generator-scenes", defaultValue = "500",
      description = "held-out captions the generator is scored on (default: ${DEFAULT-VALUE})")
  int generatorScenes;

  @Option(names = "--no-generator", description = "evaluate the checker only")
  boolean noGenerator;

  @Option(names = "--judge-scenes", defaultValue = "2000",
      description = "held-out renders the judge is scored on; 0 skips the judge (default: ${DEFAULT-VALUE})")
  int judgeScenes;

  @Option(names = "--judge-only", description = "evaluate the judge only (keeps the card's other metrics)")
  boolean judgeOnly;

  @Option(names = "--write-card", description = "also store the metrics in the model card of --models")
  boolean writeCard;

  @Override
  public Integer call() throws Exception {
    ModelSource source = models == null ? ModelSource.classpath() : ModelSource.directory(models);
    var metrics = new LinkedHashMap<String, Object>();
    if (!judgeOnly) {
      try (var checker = SketchbookChecker.load(source, Device.cpu());
          var generator = noGenerator ? null : GeneratorPrior.load(source, Device.cpu(), checker)) {
        metrics.putAll(Evaluation.run(checker, generator, scenes, generatorScenes).metrics());
      }
    }
    // A model folder from before the judge has no judge.params: its other metrics still count.
    boolean hasJudge = source.card().sha256().containsKey(JudgeTraining.WEIGHTS);
    if (judgeScenes > 0 && (hasJudge || judgeOnly)) {
      try (var judge = SketchbookJudge.load(source, Device.cpu())) {
        metrics.put("judge", JudgeEvaluation.heldOut(judge, judgeScenes).metrics());
      }
    }
    if (json) {
      System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(metrics));
    } else {
      metrics.forEach((k, v) -> System.out.println(k + ": " + v));
    }
    if (writeCard && models != null) {
      ModelCard.readOrFresh(models).withMetrics(metrics).writeTo(models);
    }
    return 0;
  }
}
