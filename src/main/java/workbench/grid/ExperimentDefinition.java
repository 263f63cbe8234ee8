package workbench.grid;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;

/**
 * What a grid compares: prompt variants (the first is the baseline) on the same seeds, with
 * everything else fixed, and optionally a third axis. {@code probes} are extra terms (e.g.
 * "hand", "watercolour") scored on every cell without steering any: with the variants' own
 * terms they make the per-term heatmap. {@code model} is the model pair every cell runs on and
 * whose checker scores them ({@code sketchbook-v1}, or {@code <generator>+<checker>}).
 * {@code negativePrompt} and {@code cfgScale} are every cell's, as the Generate page has them
 * (diffusion processes only; {@code ""} and null: none, and the model's own scale).
 */
public record ExperimentDefinition(
    String title,
    String notes,
    List<Variant> variants,
    List<Long> seeds,
    List<String> probes,
    Axis axis,
    int steps,
    String process,
    int upscale,
    String model,
    String negativePrompt,
    @io.swagger.v3.oas.annotations.media.Schema(nullable = true,
        description = "CFG scale of every cell; null: the model's own") @Nullable Double cfgScale) {

  public static final String DEFAULT_MODEL = "sketchbook-v1";

  public ExperimentDefinition {
    variants = List.copyOf(variants);
    seeds = List.copyOf(seeds);
    probes = List.copyOf(probes);
    // Grids stored or exported before custom models have none: the built-in pair.
    model = Objects.requireNonNullElse(model, "").isBlank() ? DEFAULT_MODEL : model;
    // Grids stored or exported before negative prompts have none.
    negativePrompt = Objects.requireNonNullElse(negativePrompt, "");
  }

  /** A grid with no negative prompt, at the model's own CFG scale. */
  public ExperimentDefinition(String title, String notes, List<Variant> variants, List<Long> seeds, List<String> probes,
      Axis axis, int steps, String process, int upscale, String model) {
    this(title, notes, variants, seeds, probes, axis, steps, process, upscale, model, "", null);
  }

  /** A grid on the built-in Sketchbook models. */
  public ExperimentDefinition(String title, String notes, List<Variant> variants, List<Long> seeds, List<String> probes,
      Axis axis, int steps, String process, int upscale) {
    this(title, notes, variants, seeds, probes, axis, steps, process, upscale, DEFAULT_MODEL);
  }

  /** A row: its label, the prompt text, and the library version it came from (0 if typed). */
  public record Variant(String label, String prompt, String dialect, long promptVersionId) {
    public static Variant typed(String label, String prompt) {
      return new Variant(label, prompt, "", 0);
    }
  }

  /**
   * The optional third axis: {@code steps}, {@code process} or {@code cfg} (CFG scale) values, {@code weight} values
   * for the term {@code term} (e.g. {@code hand::0.5,1,2}), or {@code when} values put into
   * every A1111 prompt-editing construct of each row (a fraction of the steps such as
   * {@code 0.25}, or a step number such as {@code 3}).
   */
  public record Axis(Kind kind, String term, List<String> values) {
    public Axis {
      values = List.copyOf(values);
    }

    public static Axis none() {
      return new Axis(Kind.NONE, "", List.of());
    }

    public int size() {
      return kind == Kind.NONE ? 1 : values.size();
    }

    public String label(int index) {
      return switch (kind) {
        case NONE -> "";
        case STEPS -> values.get(index) + " steps";
        case PROCESS -> values.get(index);
        case WEIGHT -> term + "::" + values.get(index);
        case WHEN -> "when " + values.get(index);
        case CFG -> "CFG " + values.get(index);
      };
    }

    public enum Kind {
      NONE,
      STEPS,
      PROCESS,
      WEIGHT,
      WHEN,
      CFG;

      public String id() {
        return name().toLowerCase(Locale.ROOT);
      }
    }
  }

  /** The same grid at another CFG scale (null: the model's own). */
  public ExperimentDefinition withCfgScale(@Nullable Double newCfgScale) {
    return new ExperimentDefinition(title, notes, variants, seeds, probes, axis, steps, process, upscale, model,
        negativePrompt, newCfgScale);
  }

  /** N consecutive seeds from a base seed: the same columns for every row. */
  public static List<Long> seedsFrom(long base, int count) {
    return LongStream.range(base, base + count).boxed().toList();
  }

  public int cells() {
    return variants.size() * seeds.size() * axis.size();
  }
}
