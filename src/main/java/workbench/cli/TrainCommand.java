package workbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import workbench.model.CheckerTraining;
import workbench.model.GeneratorTraining;
import workbench.model.ModelCard;

/** {@code train --model checker|generator --out DIR [--steps N] [--seed N]}. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the Sketchbook checker or generator prior; writes weights, loss CSV and model card to DIR.")
public final class TrainCommand implements Callable<Integer> {

  enum Which { checker, generator }

  @Option(names = "--model", required = true, description = "checker or generator")
  Which model;

  @Option(names = "--out", required = true, description = "output folder")
  Path out;

  @Option(names = "--steps", description = "training steps (default: ${DEFAULT-VALUE})", defaultValue = "3000")
  int steps;

  @Option(names = "--seed", description = "run seed (default: ${DEFAULT-VALUE})", defaultValue = "1")
  long seed;

  @Option(names = "--checker", description = "folder with the checker the generator is trained against (default: --out)")
  Path checker;

  @Override
  public Integer call() throws Exception {
    var run = new LinkedHashMap<String, Object>();
    if (model == Which.checker) {
      var settings = CheckerTraining.Settings.defaults(steps, seed);
      var result = CheckerTraining.train(settings, out, System.out);
      run.put("settings", settings);
      run.put("result", result);
    } else {
      var settings = GeneratorTraining.Settings.defaults(steps, seed);
      var result = GeneratorTraining.train(settings, checker == null ? out : checker, out, System.out);
      run.put("settings", settings);
      run.put("result", result);
    }
    run.put("command", "train --model " + model + " --steps " + steps + " --seed " + seed);
    ModelCard.readOrFresh(out).withTraining(model.name(), run).writeTo(out);
    System.out.println("wrote " + out.resolve(ModelCard.FILE));
    return 0;
  }
}
