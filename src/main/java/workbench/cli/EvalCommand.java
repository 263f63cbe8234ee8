package workbench.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import workbench.model.Evaluation;
import workbench.model.GeneratorPrior;
import workbench.model.ModelCard;
import workbench.model.ModelSource;
import workbench.model.SketchbookChecker;

/** {@code eval --json [--models DIR] [--scenes N]}: held-out metrics of the Sketchbook models. */
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

  @Option(names = "--write-card", description = "also store the metrics in the model card of --models")
  boolean writeCard;

  @Override
  public Integer call() throws Exception {
    ModelSource source = models == null ? ModelSource.classpath() : ModelSource.directory(models);
    try (var checker = SketchbookChecker.load(source, Device.cpu());
        var generator = noGenerator ? null : GeneratorPrior.load(source, Device.cpu(), checker)) {
      var report = Evaluation.run(checker, generator, scenes, generatorScenes);
      var metrics = report.metrics();
      if (json) {
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(metrics));
      } else {
        metrics.forEach((k, v) -> System.out.println(k + ": " + v));
      }
      if (writeCard && models != null) {
        ModelCard.readOrFresh(models).withMetrics(metrics).writeTo(models);
      }
    }
    return 0;
  }
}
