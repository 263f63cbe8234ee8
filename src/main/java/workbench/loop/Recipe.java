package workbench.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import workbench.prompt.Dialect;
import workbench.prompt.PromptParser;
import workbench.prompt.Term;
import workbench.prompt.WeightedPrompt;

/**
 * Everything that determines an image: with the same recipe on CPU the loop writes the same
 * PNG bytes. Stored with every run and in every PNG it makes.
 *
 * @param prompt the prompt text as typed
 * @param dialect the prompt dialect id the text was read in
 * @param terms the weighted terms the checker scores (the parse of {@code prompt})
 * @param negativePrompt A1111's negative prompt: what the diffusion processes' unconditional
 *     branch of classifier-free guidance is conditioned on, so every step moves away from it
 *     ({@code ""} for none, the all-zero condition); absent in recipes made before it existed
 * @param seed 0 … 2³²−1: the starting seed image and every random choice of the run
 * @param width model image width in pixels
 * @param height model image height in pixels
 * @param process the art process by name ({@code guided}, {@code evolve})
 * @param schedule steps, stages with their settings, early stop
 * @param upscale the image-done post-process's enlargement factor
 * @param modelId the registry id of the checker and generator pair
 * @param weightsSha256 the weights the images came from
 * @param device where it ran ({@code cpu}, {@code gpu(0)})
 */
public record Recipe(
    String prompt,
    String dialect,
    List<RecipeTerm> terms,
    String negativePrompt,
    long seed,
    int width,
    int height,
    String process,
    Schedule schedule,
    int upscale,
    String modelId,
    String weightsSha256,
    String device) {

  /** Every part present ({@link RecipeParts}): a recipe read from someone's JSON may lack any. */
  public Recipe {
    RecipeParts.required("prompt", prompt);
    RecipeParts.required("dialect", dialect);
    terms = List.copyOf(RecipeParts.entries("terms", terms));
    // Optional: recipes stored before negative prompts existed have none.
    negativePrompt = negativePrompt == null ? "" : negativePrompt;
    RecipeParts.required("process", process);
    RecipeParts.required("schedule", schedule);
    RecipeParts.required("modelId", modelId);
    RecipeParts.required("weightsSha256", weightsSha256);
    RecipeParts.required("device", device);
  }

  public record RecipeTerm(String text, double weight) {
    public RecipeTerm {
      RecipeParts.inEntry("a term", "text", text);
    }
  }

  public int steps() {
    return schedule.steps();
  }

  public List<String> termTexts() {
    return terms.stream().map(RecipeTerm::text).toList();
  }

  public double[] termWeights() {
    return terms.stream().mapToDouble(RecipeTerm::weight).toArray();
  }

  /**
   * The weights that condition step {@code step} (1-based) of {@code steps}: a term that A1111
   * prompt editing or alternation leaves out of that step weighs 0, so it contributes nothing.
   * Timings come from the recipe's prompt text; when the stored terms are no longer what that
   * text says (edited weights keep their texts, so they still match) every term is active.
   */
  public double[] termWeightsAt(int step, int steps) {
    double[] weights = termWeights();
    var parsed = parsedTerms();
    if (parsed.isEmpty()) {
      return weights;
    }
    for (int i = 0; i < weights.length; i++) {
      if (!parsed.get().get(i).activeAt(step, steps)) {
        weights[i] = 0;
      }
    }
    return weights;
  }

  /**
   * The prompt text's parse, term for term the recipe's (timings, BREAK chunks and parts come
   * from it), each with the recipe's own weight; empty when the text no longer parses to the
   * stored terms' texts, or in a dialect this version does not know.
   */
  public Optional<List<Term>> parsedTerms() {
    WeightedPrompt parsed;
    try {
      parsed = PromptParser.parse(prompt, Dialect.fromId(dialect));
    } catch (IllegalArgumentException notOurs) { // a syntax error, or a dialect we do not know
      return Optional.empty();
    }
    if (!parsed.texts().equals(termTexts())) {
      return Optional.empty();
    }
    var terms = new ArrayList<Term>();
    for (int i = 0; i < parsed.size(); i++) {
      terms.add(parsed.term(i).withWeight(this.terms.get(i).weight()));
    }
    return Optional.of(terms);
  }

  /** The CFG scale (classifier-free guidance) a diffusion recipe runs with; empty for other processes. */
  public OptionalDouble cfgScale() {
    var settings = schedule.stageAt(0).settings();
    return settings.containsKey(DiffusionArtProcess.GUIDANCE)
        ? OptionalDouble.of(settings.get(DiffusionArtProcess.GUIDANCE)) : OptionalDouble.empty();
  }

  public Recipe withSeed(long newSeed) {
    return new Recipe(prompt, dialect, terms, negativePrompt, newSeed, width, height, process, schedule, upscale,
        modelId, weightsSha256, device);
  }

  public Recipe withSchedule(Schedule newSchedule) {
    return new Recipe(prompt, dialect, terms, negativePrompt, seed, width, height, process, newSchedule, upscale,
        modelId, weightsSha256, device);
  }
}
