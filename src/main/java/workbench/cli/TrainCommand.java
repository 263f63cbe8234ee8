package workbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import workbench.model.AutoencoderTraining;
import workbench.model.CheckerTraining;
import workbench.model.CodeTraining;
import workbench.model.DiffusionTraining;
import workbench.model.GeneratorTraining;
import workbench.model.JudgeTraining;
import workbench.model.ModelCard;
import workbench.model.ModelSource;
import workbench.model.PriorTraining;

/**
 * {@code train --model checker|generator|diffusion|judge|autoencoder|code|drawing|prior --out DIR [--steps N]
 * [--seed N] [--init DIR]}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the Sketchbook checker, generator prior, diffusion model, judge, image autoencoder, scene code"
        + " or the diffusion model over scene codes; writes weights, loss CSV and model card to DIR.")
public final class TrainCommand implements Callable<Integer> {

  enum Which { checker, generator, diffusion, judge, autoencoder, code, drawing, prior }

  @Option(names = "--model", required = true, description = "checker, generator (the CVAE prior), diffusion (the UNet),"
      + " judge, autoencoder, code (a scene in 256 numbers, over the autoencoder's latents), drawing (the code's and"
      + " the autoencoder's decoders tuned together, encoders frozen) or prior (the diffusion model over scene codes:"
      + " the default generator)")
  Which model;

  @Option(names = "--out", required = true, description = "output folder")
  Path out;

  @Option(names = "--steps", description = "training steps (default: ${DEFAULT-VALUE})", defaultValue = "3000")
  int steps;

  @Option(names = "--seed", description = "run seed (default: ${DEFAULT-VALUE})", defaultValue = "1")
  long seed;

  @Option(names = "--init", description = "continue training from the checker, judge, diffusion, autoencoder, code"
      + " or prior weights in this folder")
  Path init;

  @Option(names = "--learning-rate", description = "peak learning rate (default: the model's own)")
  Float learningRate;

  @Option(names = "--final-learning-rate", description = "diffusion, prior, autoencoder, code, drawing: decay the"
      + " learning rate after its warm-up along half a cosine to this at the last step (default: no decay)")
  Float finalLearningRate;

  @Option(names = "--perceptual-weight", description = "autoencoder, code, drawing: add this times how far the"
      + " images drawn lie from the renders in the shipped checker's feature maps to the pixel loss (default: 0,"
      + " pixel loss alone)")
  float perceptualWeight;

  @Option(names = "--max-gradient-norm", description = "autoencoder, code, drawing: scale each step's gradient down"
      + " to this length when it is longer, so one bad batch cannot throw the run off (default: 0, never; the log"
      + " gives the lengths seen at each checkpoint)")
  float maxGradientNorm;

  @Option(names = "--latent-channels", description = "autoencoder: numbers per cell of its 16x16 latent (default: 4,"
      + " the shipped autoencoder's; with --init, that autoencoder's). The code, drawing and prior runs on it follow"
      + " its weights")
  Integer latentChannels;

  @Option(names = "--cross-attention", description = "diffusion, prior: grow the network with cross-attention over the"
      + " caption's tokens at every level (with --init, the new layers start at zero)")
  boolean crossAttention;

  @Option(names = "--autoencoder", description = "diffusion: denoise the latents of the autoencoder in this folder"
      + " (trained with --model autoencoder) instead of pixels; code: fold this autoencoder's latents; drawing and"
      + " prior: the folder with the autoencoder and the code (trained with --model code)")
  Path autoencoder;

  @Option(names = "--checker", description = "folder with the checker the generator is trained against (default: --out)")
  Path checker;

  @Override
  public Integer call() throws Exception {
    var run = new LinkedHashMap<String, Object>();
    if (finalLearningRate != null) {
      String problem = finalRateProblem();
      if (problem != null) {
        System.err.println("error: --final-learning-rate " + finalLearningRate + ": " + problem);
        return Cli.EXIT_BAD_INPUT;
      }
    }
    if (perceptualWeight != 0) {
      String problem = perceptualWeightProblem();
      if (problem != null) {
        System.err.println("error: --perceptual-weight " + perceptualWeight + ": " + problem);
        return Cli.EXIT_BAD_INPUT;
      }
    }
    if (maxGradientNorm != 0) {
      String problem = maxGradientNormProblem();
      if (problem != null) {
        System.err.println("error: --max-gradient-norm " + maxGradientNorm + ": " + problem);
        return Cli.EXIT_BAD_INPUT;
      }
    }
    if (latentChannels != null) {
      String problem = latentChannelsProblem();
      if (problem != null) {
        System.err.println("error: --latent-channels " + latentChannels + ": " + problem);
        return Cli.EXIT_BAD_INPUT;
      }
    }
    if (model == Which.checker) {
      var settings = CheckerTraining.Settings.defaults(steps, seed);
      if (learningRate != null) {
        settings = new CheckerTraining.Settings(steps, seed, settings.batch(), learningRate, settings.unknownRate());
      }
      var result = CheckerTraining.train(settings, init, out, System.out);
      run.put("settings", settings);
      if (init != null) {
        var card = ModelCard.readOrFresh(init);
        run.put("continuedFrom", card.training().getOrDefault("checker", Map.of()));
      }
      run.put("result", result);
    } else if (model == Which.diffusion) {
      var settings = DiffusionTraining.Settings.defaults(steps, seed);
      float rate = learningRate == null ? settings.learningRate() : learningRate;
      settings = new DiffusionTraining.Settings(steps, seed, settings.batch(), rate, settings.warmup(),
          settings.emaDecay(), settings.conditionDropout(), settings.checkpointEvery(), crossAttention, last(rate));
      var source = checker == null ? ModelSource.classpath() : ModelSource.directory(checker);
      var result = DiffusionTraining.train(settings, source,
          autoencoder == null ? null : ModelSource.directory(autoencoder), init, out, System.out);
      if (autoencoder != null) {
        run.put("autoencoder", "the autoencoder in " + autoencoder + " (frozen): the network denoises its latents");
      }
      if (init != null) {
        run.put("continuedFrom", ModelCard.readOrFresh(init).training().getOrDefault("diffusion", Map.of()));
      }
      run.put("settings", settings);
      run.put("checker", checker == null ? "the shipped checker (frozen)" : "the checker in " + checker + " (frozen)");
      run.put("objective", "v-prediction, cosine schedule, condition dropout for classifier-free guidance;"
          + " EMA weights shipped; resumed runs continue the same folder");
      run.put("result", result);
    } else if (model == Which.autoencoder) {
      var settings = AutoencoderTraining.Settings.defaults(steps, seed);
      float rate = learningRate == null ? settings.learningRate() : learningRate;
      settings = new AutoencoderTraining.Settings(steps, seed, settings.batch(), rate, settings.warmup(),
          settings.checkpointEvery(), last(rate), perceptualWeight, maxGradientNorm);
      run.put("settings", settings);
      run.put("data", "renders only: train-split scenes from 1/8 of the split on");
      run.put("objective", "L1 + squared error of the reconstruction from the latent with static (0.1) added"
          + perceptualTerm());
      if (init != null) {
        run.put("continuedFrom", ModelCard.readOrFresh(init).training().getOrDefault("autoencoder", Map.of()));
      }
      var initSource = init == null ? null : ModelSource.directory(init);
      try {
        if (latentChannels != null) {
          run.put("latentChannels", latentChannels);
          run.put("result", AutoencoderTraining.train(settings, latentChannels, initSource, out, System.out));
        } else {
          run.put("result", AutoencoderTraining.train(settings, initSource, out, System.out));
        }
      } catch (IllegalArgumentException e) {
        // A width other than the init's or the resumed run's (4 where none is given): refused before a step is trained.
        System.err.println("error: " + (latentChannels == null ? "" : "--latent-channels " + latentChannels + ": ")
            + e.getMessage());
        return Cli.EXIT_BAD_INPUT;
      }
    } else if (model == Which.code || model == Which.drawing || model == Which.prior) {
      if (autoencoder == null) {
        System.err.println("--model " + model + " needs --autoencoder DIR (the folder with autoencoder.params"
            + (model == Which.code ? ")" : " and code.params)"));
        return 2;
      }
      if (model == Which.drawing) {
        var settings = CodeTraining.Settings.tuning(steps, seed);
        float rate = learningRate == null ? settings.learningRate() : learningRate;
        settings = new CodeTraining.Settings(steps, seed, settings.batch(), rate, settings.warmup(),
            settings.checkpointEvery(), last(rate), perceptualWeight, maxGradientNorm);
        run.put("settings", settings);
        run.put("data", "renders only: train-split scenes from 1/2 of the split on");
        run.put("objective", "absolute + squared pixel error of the render drawn from its code with static (0.1)"
            + perceptualTerm() + ": the code's and the autoencoder's decoders tuned together from " + autoencoder
            + ", both encoders frozen");
        run.put("result", CodeTraining.tuneDecoders(settings, ModelSource.directory(autoencoder), out, System.out));
      } else if (model == Which.code) {
        var settings = CodeTraining.Settings.defaults(steps, seed);
        float rate = learningRate == null ? settings.learningRate() : learningRate;
        settings = new CodeTraining.Settings(steps, seed, settings.batch(), rate, settings.warmup(),
            settings.checkpointEvery(), last(rate), perceptualWeight, maxGradientNorm);
        run.put("settings", settings);
        run.put("data", "renders only: train-split scenes from 1/2 of the split on, through the frozen autoencoder in "
            + autoencoder);
        run.put("objective", "squared error of the latent + absolute error of the image the autoencoder draws from it,"
            + " from the code with static (0.1) added" + perceptualTerm());
        if (init != null) {
          run.put("continuedFrom", ModelCard.readOrFresh(init).training().getOrDefault("code", Map.of()));
        }
        run.put("result", CodeTraining.train(settings, ModelSource.directory(autoencoder),
            init == null ? null : ModelSource.directory(init), out, System.out));
      } else {
        var defaults = PriorTraining.Settings.defaults(steps, seed);
        float rate = learningRate == null ? defaults.learningRate() : learningRate;
        var settings = new PriorTraining.Settings(steps, seed, defaults.batch(), rate, defaults.warmup(),
            defaults.emaDecay(), defaults.conditionDropout(), defaults.checkpointEvery(), defaults.bankSize(),
            crossAttention, last(rate));
        var source = checker == null ? ModelSource.classpath() : ModelSource.directory(checker);
        run.put("settings", settings);
        run.put("data", "codes of renders of train-split scenes from 5/8 of the split on (the bank), each step with"
            + " fresh captions of its scenes");
        run.put("checker", checker == null ? "the shipped checker (frozen)" : "the checker in " + checker + " (frozen)");
        run.put("objective", "v-prediction over scene codes, cosine schedule, condition dropout for classifier-free"
            + " guidance; EMA weights shipped");
        if (init != null) {
          run.put("continuedFrom", ModelCard.readOrFresh(init).training().getOrDefault("prior", Map.of()));
        }
        run.put("result", PriorTraining.train(settings, source, ModelSource.directory(autoencoder), init, out,
            System.out));
      }
    } else if (model == Which.judge) {
      var settings = JudgeTraining.Settings.defaults(steps, seed);
      if (learningRate != null) {
        settings = new JudgeTraining.Settings(steps, seed, settings.batch(), learningRate, settings.handShare());
      }
      var result = JudgeTraining.train(settings, init, out, System.out);
      run.put("settings", settings);
      run.put("data", "renders only: train-split scenes from 3/4 of the split on, hands from 7/8 on (JudgeExamples)");
      if (init != null) {
        run.put("continuedFrom", ModelCard.readOrFresh(init).training().getOrDefault("judge", Map.of()));
      }
      run.put("result", result);
    } else {
      var settings = GeneratorTraining.Settings.defaults(steps, seed);
      Path against = checker == null ? out : checker;
      var result = GeneratorTraining.train(settings, against, out, System.out);
      run.put("settings", settings);
      run.put("checker", "the checker in " + against + " (frozen); loss = reconstruction + KL"
          + " + alignmentWeight x InfoNCE of images decoded from fresh latents against the batch captions");
      run.put("result", result);
    }
    run.put("command", "train --model " + model + " --steps " + steps + " --seed " + seed
        + (init == null ? "" : " --init DIR") + (learningRate == null ? "" : " --learning-rate " + learningRate)
        + (finalLearningRate == null ? "" : " --final-learning-rate " + finalLearningRate)
        + (crossAttention ? " --cross-attention" : "") + (autoencoder == null ? "" : " --autoencoder DIR")
        + (perceptualWeight == 0 ? "" : " --perceptual-weight " + perceptualWeight)
        + (maxGradientNorm == 0 ? "" : " --max-gradient-norm " + maxGradientNorm)
        + (latentChannels == null ? "" : " --latent-channels " + latentChannels));
    ModelCard.readOrFresh(out).withTraining(model.name(), run).writeTo(out);
    System.out.println("wrote " + out.resolve(ModelCard.FILE));
    return 0;
  }

  /** The run's last learning rate: {@code --final-learning-rate} where given, else {@code rate} (no decay). */
  private float last(float rate) {
    return finalLearningRate == null ? rate : finalLearningRate;
  }

  /** The objective's words for {@code --perceptual-weight}, or nothing without it. */
  private String perceptualTerm() {
    return perceptualWeight == 0 ? "" : " + " + perceptualWeight + " x the perceptual distance of the image drawn"
        + " from the render in the shipped checker's feature maps (unit-length features at its four convolution"
        + " layers, squared distance)";
  }

  /** What is wrong with {@code --perceptual-weight} for this run, or null. */
  private @Nullable String perceptualWeightProblem() {
    if (model != Which.autoencoder && model != Which.code && model != Which.drawing) {
      return "applies to autoencoder, code and drawing, whose loss compares images drawn with renders; not to the "
          + model;
    }
    if (!(perceptualWeight > 0 && Float.isFinite(perceptualWeight))) {
      return "must be a finite number, 0 or more";
    }
    return null;
  }

  /** What is wrong with {@code --latent-channels} for this run, or null. */
  private @Nullable String latentChannelsProblem() {
    if (model != Which.autoencoder) {
      return "applies to the autoencoder; the code, drawing and prior runs follow their autoencoder's weights, not to"
          + " the " + model;
    }
    if (latentChannels < 1 || latentChannels > 64) {
      return "must be a whole number from 1 to 64";
    }
    return null;
  }

  /** What is wrong with {@code --max-gradient-norm} for this run, or null. */
  private @Nullable String maxGradientNormProblem() {
    if (model != Which.autoencoder && model != Which.code && model != Which.drawing) {
      return "applies to autoencoder, code and drawing; not to the " + model;
    }
    if (!(maxGradientNorm > 0 && Float.isFinite(maxGradientNorm))) {
      return "must be a finite number above 0 (0, the default, clips nothing)";
    }
    return null;
  }

  /** What is wrong with {@code --final-learning-rate} for this run, or null. */
  private @Nullable String finalRateProblem() {
    if (model == Which.checker || model == Which.judge || model == Which.generator) {
      return "applies to diffusion, prior, autoencoder, code and drawing; the " + model
          + " already decays its rate along its own cosine";
    }
    float rate = learningRate != null ? learningRate : switch (model) {
      case diffusion -> DiffusionTraining.Settings.defaults(steps, seed).learningRate();
      case prior -> PriorTraining.Settings.defaults(steps, seed).learningRate();
      case autoencoder -> AutoencoderTraining.Settings.defaults(steps, seed).learningRate();
      case code -> CodeTraining.Settings.defaults(steps, seed).learningRate();
      default -> CodeTraining.Settings.tuning(steps, seed).learningRate();
    };
    if (!(finalLearningRate > 0 && finalLearningRate <= rate)) {
      return "must be above 0 and at most the run's learning rate (" + rate + ")";
    }
    return null;
  }
}
