package workbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import workbench.loop.GenerationLoop;
import workbench.loop.LoopListener;
import workbench.loop.LoopModels;
import workbench.loop.PngMetadata;
import workbench.loop.RecipeFactory;
import workbench.loop.RecipeText;
import workbench.loop.TermScores;
import workbench.model.ModelLoadException;
import workbench.model.registry.ModelRegistry;
import workbench.prompt.PromptSyntaxException;

/** Runs the loop once, without database or web server, and writes the image. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Run the generate → check → loop process for one prompt and seed.")
public final class GenerateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--prompt", required = true, description = "the weighted prompt, e.g. \"red apple:: table::0.5\"")
  String prompt;

  @Option(names = "--dialect", defaultValue = "", description = "midjourney, a1111 or compel (default: detect)")
  String dialect;

  @Option(names = "--seed", required = true, description = "0 … 4294967295")
  long seed;

  @Option(names = "--steps", defaultValue = "" + RecipeFactory.DEFAULT_STEPS, description = "loop steps (default ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--process", description = "guided or evolve for the Sketchbook, diffusion for a diffusion model (default: the model's first)")
  String process;

  @Option(names = "--model", defaultValue = LoopModels.SKETCHBOOK,
      description = "${DEFAULT-VALUE}, or <generator>+<checker> from --models-dir, e.g. sd-1-5+clip-vit-b-32")
  String model;

  @Option(names = "--models-dir", description = "a folder of custom models (as the setting workbench.models.dir)")
  Path modelsDir;

  @Option(names = "--negative-prompt", defaultValue = "",
      description = "A1111's negative prompt: what classifier-free guidance steers away from (diffusion processes)")
  String negativePrompt;

  @Option(names = "--cfg-scale", description = "A1111's CFG scale 0 … 30 (diffusion processes; default: the model's own)")
  Double cfgScale;

  @Option(names = "--upscale", defaultValue = "4", description = "image-done enlargement (default ${DEFAULT-VALUE})")
  int upscale;

  @Option(names = "--out", description = "write the final PNG (with its recipe in text chunks) here")
  Path out;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Override
  public Integer call() throws IOException {
    var err = spec.commandLine().getErr();
    var stdout = spec.commandLine().getOut();
    try (var sketchbook = LoopModels.sketchbook();
        var registry = modelsDir == null ? ModelRegistry.empty() : ModelRegistry.scan(modelsDir)) {
      registry.problems().forEach(problem -> err.println("warning: model left out: " + problem));
      var models = model.equals(LoopModels.SKETCHBOOK) ? sketchbook : LoopModels.pair(model, registry, sketchbook);
      var factory = new RecipeFactory(models);
      var chosen = process == null ? models.processes().get(0) : process;
      var recipe = factory.recipe(new RecipeFactory.Request(prompt, dialect, seed, steps, chosen, upscale, model,
          negativePrompt, cfgScale));
      var unknown = factory.unknownWords(recipe);
      if (!unknown.isEmpty()) {
        err.println("warning: the checker does not know " + String.join(", ", unknown)
            + "; those words count for nothing (the run goes on)");
      }
      var result = new GenerationLoop(models).run(recipe, LoopListener.NONE);
      if (out != null) {
        if (out.toAbsolutePath().getParent() != null) {
          Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.write(out, PngMetadata.write(result.finalImage(), RecipeText.pngTexts(recipe, result.finalImage())));
      }
      if (json) {
        var report = new LinkedHashMap<String, Object>();
        report.put("seed", recipe.seed());
        report.put("steps", result.stepsRun());
        report.put("score_initial", result.initial().combinedScore());
        report.put("score_final", result.last().combinedScore());
        report.put("terms", result.last().terms().stream().map(GenerateCommand::term).toList());
        report.put("millis", result.millis());
        report.put("process", recipe.process());
        report.put("score_prior", result.prior().combinedScore());
        report.put("outcome", result.outcome().name().toLowerCase());
        report.put("unknown_words", unknown);
        report.put("model", recipe.modelId());
        report.put("out", out == null ? null : out.toString());
        stdout.println(new ObjectMapper().writeValueAsString(report));
      } else {
        stdout.printf("seed %d, %d steps (%s) in %d ms%n", recipe.seed(), result.stepsRun(), recipe.process(), result.millis());
        stdout.printf("score: static %.2f → generator's first image %.2f → final %.2f%n",
            result.initial().combinedScore(), result.prior().combinedScore(), result.last().combinedScore());
        for (var t : result.last().terms()) {
          stdout.printf("  %-30s weight %6.2f  score %6.2f%n", t.text(), t.weight(), t.score());
        }
        if (out != null) {
          stdout.println("wrote " + out);
        }
      }
      return 0;
    } catch (PromptSyntaxException e) {
      err.println("error: " + e.messageWithColumn());
      err.println(e.markIn(prompt));
      return Cli.EXIT_BAD_INPUT;
    } catch (ModelLoadException | IllegalArgumentException e) { // InvalidRecipeException too
      err.println("error: " + e.getMessage());
      return Cli.EXIT_BAD_INPUT;
    }
  }

  private static Map<String, Object> term(TermScores.TermScore t) {
    var m = new LinkedHashMap<String, Object>();
    m.put("text", t.text());
    m.put("weight", t.weight());
    m.put("score", t.score());
    m.put("similarity", t.similarity());
    return m;
  }

}
