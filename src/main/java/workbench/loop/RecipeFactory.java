package workbench.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import workbench.prompt.Dialect;
import workbench.prompt.PromptParser;
import workbench.prompt.WeightedPrompt;

/**
 * Turns what a person asked for into a recipe, or refuses with a message naming what is wrong:
 * a prompt syntax error (with its column), a seed outside 0 … 2³²−1, steps or upscale beyond
 * the limits, an unknown process, a size the model cannot make.
 */
public final class RecipeFactory {

  /** The most steps a run may take, where {@code workbench.generation.max-steps} does not say otherwise. */
  public static final int MAX_STEPS = 200;
  /**
   * Steps when a request does not say ({@code workbench.generation.default-steps}). Twenty-five:
   * the judge read eval's 400 held-out images alike at 25 and 40 steps of the default sampler
   * (object 0.400 and 0.405, every claim 0.193 and 0.200, fid_judge 84 and 84; 20 steps 0.395),
   * and an image takes five eighths of the time (README, "Performance").
   */
  public static final int DEFAULT_STEPS = 25;

  private final LoopModels models;
  private final int maxSteps;

  /** A factory with the default limit of steps (the CLI, evaluations, tests). */
  public RecipeFactory(LoopModels models) {
    this(models, MAX_STEPS);
  }

  public RecipeFactory(LoopModels models, int maxSteps) {
    this.models = models;
    this.maxSteps = maxSteps;
  }

  /**
   * What to make; {@code dialect} empty = detect it from the text; {@code model} a model id of
   * the registry ({@code sketchbook-v1}, or {@code <generator>+<checker>}), empty = the built-in;
   * {@code negativePrompt} and {@code cfgScale} as A1111 has them (diffusion processes only;
   * {@code ""} and null for none and the model's default).
   */
  public record Request(String prompt, String dialect, long seed, int steps, String process, int upscale, String model,
      String negativePrompt, @Nullable Double cfgScale) {
    /** A request with no negative prompt, at the model's own CFG scale. */
    public Request(String prompt, String dialect, long seed, int steps, String process, int upscale, String model) {
      this(prompt, dialect, seed, steps, process, upscale, model, "", null);
    }

    /** A request for the built-in Sketchbook models. */
    public Request(String prompt, String dialect, long seed, int steps, String process, int upscale) {
      this(prompt, dialect, seed, steps, process, upscale, "");
    }

    /** The same request with another negative prompt and CFG scale. */
    public Request withGuidance(String newNegativePrompt, @Nullable Double newCfgScale) {
      return new Request(prompt, dialect, seed, steps, process, upscale, model, newNegativePrompt, newCfgScale);
    }

    /** What a recipe was made from, to make it again (with the seed it ran with). */
    public static Request of(Recipe recipe) {
      return new Request(recipe.prompt(), recipe.dialect(), recipe.seed(), recipe.steps(), recipe.process(),
          recipe.upscale(), recipe.modelId(), recipe.negativePrompt(),
          recipe.cfgScale().isPresent() ? recipe.cfgScale().getAsDouble() : null);
    }
  }

  /** A1111's CFG scale slider runs 1-30; 0 (the unconditional branch alone) is meaningful too. */
  public static final double MAX_CFG_SCALE = 30;

  public Recipe recipe(Request request) {
    var prompt = parse(request.prompt(), request.dialect());
    // Midjourney's --seed in the prompt is the recipe's seed: the prompt says it last.
    long seed = prompt.seed().orElse(request.seed());
    if (seed < 0 || seed > SeedStatic.MAX_SEED) {
      throw new InvalidRecipeException("seed", "Seed " + seed + " is outside 0 … " + SeedStatic.MAX_SEED);
    }
    if (request.steps() < 1 || request.steps() > maxSteps) {
      throw new InvalidRecipeException("steps", "Steps must be 1 … " + maxSteps + "; got " + request.steps());
    }
    if (request.upscale() < 1 || request.upscale() > PostProcess.MAX_UPSCALE) {
      throw new InvalidRecipeException("upscale", "Upscale must be 1 … " + PostProcess.MAX_UPSCALE + "; got " + request.upscale());
    }
    ArtProcess process;
    try {
      // No process named: the model's own default (diffusion for the built-in pair).
      process = ArtProcesses.get(request.process().isBlank() ? models.defaultProcess() : request.process());
    } catch (IllegalArgumentException e) {
      throw new InvalidRecipeException("process", capitalise(e.getMessage()));
    }
    if (!models.processes().contains(process.name())) {
      throw new InvalidRecipeException("process", "Model " + models.modelId() + " runs the art process "
          + String.join(" or ", models.processes()) + ", not '" + process.name() + "'");
    }
    boolean diffusion = process.hasClassifierFreeGuidance();
    String negative = request.negativePrompt();
    if (!negative.isBlank() && !diffusion) {
      throw new InvalidRecipeException("negativePrompt", "A negative prompt conditions the unconditional branch of "
          + "classifier-free guidance, which only the diffusion processes have, not '" + process.name()
          + "': write what to avoid as a negative term (blurry::-0.5) instead");
    }
    if (negative.length() > PromptParser.MAX_LENGTH) {
      throw new InvalidRecipeException("negativePrompt", "The negative prompt is " + negative.length()
          + " characters long: at most " + PromptParser.MAX_LENGTH + " fit");
    }
    Double cfgScale = request.cfgScale();
    if (cfgScale != null && !diffusion) {
      throw new InvalidRecipeException("cfgScale", "A CFG scale is the strength of classifier-free guidance, which only"
          + " the diffusion processes have, not '" + process.name() + "'");
    }
    if (cfgScale != null && !(cfgScale >= 0 && cfgScale <= MAX_CFG_SCALE)) {
      throw new InvalidRecipeException("cfgScale", "CFG scale must be 0 … " + (int) MAX_CFG_SCALE + "; got " + cfgScale);
    }
    var terms = prompt.terms().stream().map(t -> new Recipe.RecipeTerm(t.text(), t.weight())).toList();
    int size = models.imageSize();
    // A diffusion recipe records its guidance scale: the one asked for, or the model manifest's.
    var schedule = process.defaultSchedule(request.steps());
    if (diffusion) {
      schedule = schedule.with(Map.of(DiffusionArtProcess.GUIDANCE, cfgScale != null ? cfgScale : models.defaultGuidance()));
    }
    // Stored as typed but for a blank one, which is no negative prompt (the all-zero condition).
    return new Recipe(
        request.prompt(), prompt.dialect().id(), terms, negative.isBlank() ? "" : negative, seed, size, size,
        process.name(), schedule, request.upscale(), models.modelId(), models.weightsSha256(), models.device());
  }

  /** Words the checker does not know: the run still goes, but these words count for nothing. */
  public List<String> unknownWords(Recipe recipe) {
    var texts = new ArrayList<>(recipe.termTexts());
    if (!recipe.negativePrompt().isEmpty()) {
      texts.add(recipe.negativePrompt());
    }
    return models.unknownWords(texts);
  }

  private static WeightedPrompt parse(String text, String dialect) {
    if (text.isBlank()) {
      throw new InvalidRecipeException("prompt", "The prompt is empty");
    }
    return dialect.isBlank() ? PromptParser.parse(text) : PromptParser.parse(text, Dialect.fromId(dialect));
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
