package workbench.generation;

import java.util.List;
import workbench.prompt.Dialect;
import workbench.prompt.PromptParser;
import workbench.prompt.WeightedPrompt;

/**
 * Turns what a person asked for into a recipe, or refuses with a message naming what is wrong:
 * a prompt syntax error (with its column), a seed outside 0 … 2³²−1, steps or upscale beyond
 * the limits, an unknown process, a size the model cannot make.
 */
public final class RecipeFactory {

  private final LoopModels models;
  private final GenerationLimits limits;

  public RecipeFactory(LoopModels models, GenerationLimits limits) {
    this.models = models;
    this.limits = limits;
  }

  /**
   * What to make; {@code dialect} empty = detect it from the text; {@code model} a model id of
   * the registry ({@code sketchbook-v1}, or {@code <generator>+<checker>}), empty = the built-in.
   */
  public record Request(String prompt, String dialect, long seed, int steps, String process, int upscale, String model) {
    /** A request for the built-in Sketchbook models. */
    public Request(String prompt, String dialect, long seed, int steps, String process, int upscale) {
      this(prompt, dialect, seed, steps, process, upscale, "");
    }
  }

  public Recipe recipe(Request request) {
    var prompt = parse(request.prompt(), request.dialect());
    // Midjourney's --seed in the prompt is the recipe's seed: the prompt says it last.
    long seed = prompt.seed().orElse(request.seed());
    if (seed < 0 || seed > SeedStatic.MAX_SEED) {
      throw new InvalidRecipeException("seed", "Seed " + seed + " is outside 0 … " + SeedStatic.MAX_SEED);
    }
    if (request.steps() < 1 || request.steps() > limits.maxSteps()) {
      throw new InvalidRecipeException("steps", "Steps must be 1 … " + limits.maxSteps() + "; got " + request.steps());
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
    var terms = prompt.terms().stream().map(t -> new Recipe.RecipeTerm(t.text(), t.weight())).toList();
    int size = models.imageSize();
    // A diffusion recipe records the guidance scale its model's manifest gives.
    var schedule = process instanceof DiffusionArtProcess
        ? new Schedule(request.steps(), List.of(new Stage(0, java.util.Map.of(DiffusionArtProcess.GUIDANCE, models.defaultGuidance()))), 0)
        : process.defaultSchedule(request.steps());
    return new Recipe(
        request.prompt(), prompt.dialect().id(), terms, seed, size, size, process.name(),
        schedule, request.upscale(), models.modelId(), models.weightsSha256(), models.device());
  }

  /** Words the checker does not know: the run still goes, but these words count for nothing. */
  public List<String> unknownWords(Recipe recipe) {
    return models.unknownWords(recipe.termTexts());
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
