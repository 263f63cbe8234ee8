package workbench.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import workbench.loop.ImageEvaluation;
import workbench.loop.LoopModels;
import workbench.loop.RecipeFactory;
import workbench.model.Evaluation;
import workbench.model.GeneratorPrior;
import workbench.model.HeldOutPrompts;
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

  @Option(names = "--images", defaultValue = "200",
      description = "held-out captions the loop draws for the judge (x --image-seeds each); 0 skips (default: ${DEFAULT-VALUE})")
  int images;

  @Option(names = "--image-seeds", defaultValue = "2", description = "seeds per caption (default: ${DEFAULT-VALUE})")
  int imageSeeds;

  @Option(names = "--image-steps", defaultValue = "" + RecipeFactory.DEFAULT_STEPS, description = "loop steps per image (default: ${DEFAULT-VALUE})")
  int imageSteps;

  @Option(names = "--processes", split = ",", defaultValue = "guided,diffusion",
      description = "art processes whose images are judged, in one run (default: ${DEFAULT-VALUE}; those the model lacks are skipped)")
  List<String> processes;

  @Option(names = "--hand-seeds", defaultValue = "16", description = "seeds of the hands experiment; 0 skips (default: ${DEFAULT-VALUE})")
  int handSeeds;

  @Option(names = "--setting", description = "a loop setting laid over every image recipe, e.g. guidance=5 or"
      + " checker_guidance=0.5 (repeatable)")
  Map<String, Double> settings = new LinkedHashMap<>();

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
    if (images > 0 && hasJudge && !judgeOnly) {
      // What people would see: the loop's own images, read by the judge the loop never sees.
      var set = HeldOutPrompts.first(images, imageSeeds);
      var byProcess = new LinkedHashMap<String, Object>();
      var hands = new LinkedHashMap<String, Object>();
      try (var loopModels = LoopModels.load(source, Device.cpu()); var judge = SketchbookJudge.load(source, Device.cpu())) {
        for (String process : processes) {
          if (!loopModels.processes().contains(process)) {
            System.err.println("eval: this model has no art process '" + process + "': skipped");
            continue;
          }
          long start = System.nanoTime();
          var drawn = ImageEvaluation.images(loopModels, process, imageSteps, set, settings);
          var m = new LinkedHashMap<String, Object>(ImageEvaluation.measure(loopModels, judge, set, drawn));
          m.put("seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
          byProcess.put(process, m);
          if (handSeeds > 0) {
            hands.put(process, ImageEvaluation.hands(loopModels, judge, process, imageSteps, handSeeds, settings));
          }
        }
      }
      var images = new LinkedHashMap<String, Object>();
      images.put("prompts", "HeldOutPrompts.first(" + this.images + ", " + imageSeeds + "), " + imageSteps + " steps");
      if (!settings.isEmpty()) {
        images.put("settings", settings);
      }
      images.put("by_process", byProcess);
      metrics.put("images", images);
      if (!hands.isEmpty()) {
        metrics.put("hands", hands);
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
