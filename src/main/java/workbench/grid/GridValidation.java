package workbench.grid;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import workbench.account.FreeText;
import workbench.loop.ArtProcesses;
import workbench.loop.InvalidRecipeException;
import workbench.loop.RecipeFactory;
import workbench.loop.SeedStatic;
import workbench.prompt.Dialect;
import workbench.prompt.PromptParser;
import workbench.prompt.PromptRenderer;
import workbench.prompt.PromptSyntaxException;
import workbench.prompt.Timing;
import workbench.prompt.WeightedPrompt;
import workbench.run.GenerationService;

/** The checks a grid passes before anything runs, and how a cell becomes a generation request. */
final class GridValidation {

  static final int MIN_ROWS = 2;
  static final int MAX_ROWS = 8;
  static final int MAX_SEEDS = 64;
  static final int MAX_AXIS_VALUES = 6;
  static final int MAX_PROBES = 8;

  private final GenerationService generation;
  private final GridSettings settings;

  GridValidation(GenerationService generation, GridSettings settings) {
    this.generation = generation;
    this.settings = settings;
  }

  void check(ExperimentDefinition d) {
    if (d.title().isBlank()) {
      throw new InvalidExperimentException("title", "The title must be 1–" + FreeText.TITLE + " characters");
    }
    text("title", "The title", d.title(), FreeText.TITLE);
    text("notes", "Notes", d.notes(), FreeText.NOTES);
    text("model", "The model id", d.model(), FreeText.LABEL);
    text("process", "The art process", d.process(), FreeText.LABEL);
    for (int r = 0; r < d.variants().size(); r++) {
      var v = d.variants().get(r);
      text("variants", "Row " + (r + 1) + ": the label", v.label(), FreeText.LABEL);
      text("variants", "Row " + (r + 1) + ": the dialect", v.dialect(), FreeText.LABEL);
      FreeText.characters("Row " + (r + 1) + ": the prompt", v.prompt()).ifPresent(message -> {
        throw new InvalidExperimentException("variants", message);
      });
    }
    for (var probe : d.probes()) {
      text("probes", "A measured term", probe, FreeText.TERM);
    }
    text("axis", "The axis term", d.axis().term(), FreeText.TERM);
    for (var value : d.axis().values()) {
      text("axis", "An axis value", value, FreeText.TERM);
    }
    int rows = d.variants().size();
    if (rows < MIN_ROWS || rows > MAX_ROWS) {
      throw new InvalidExperimentException("variants", "A grid has 2–8 prompt variants (rows); this one has " + rows);
    }
    for (int r = 0; r < rows; r++) {
      var v = d.variants().get(r);
      if (v.label().isBlank() || v.label().length() > 120) {
        throw new InvalidExperimentException("variants", "Row " + (r + 1) + ": the label must be 1–120 characters");
      }
      try {
        parse(v);
      } catch (PromptSyntaxException e) {
        throw new InvalidExperimentException("variants", "Row " + (r + 1) + ": " + e.messageWithColumn(), e);
      }
      try {
        generation.checkPromptVersion(v.promptVersionId());
      } catch (InvalidRecipeException e) {
        throw new InvalidExperimentException("variants", "Row " + (r + 1) + ": " + e.getMessage());
      }
    }
    if (d.seeds().isEmpty() || d.seeds().size() > MAX_SEEDS) {
      throw new InvalidExperimentException("seeds", "A grid has 1–" + MAX_SEEDS + " seeds; this one has " + d.seeds().size());
    }
    if (new HashSet<>(d.seeds()).size() != d.seeds().size()) {
      throw new InvalidExperimentException("seeds", "A seed is listed twice: each column needs its own seed");
    }
    for (long seed : d.seeds()) {
      if (seed < 0 || seed > SeedStatic.MAX_SEED) {
        throw new InvalidExperimentException("seeds", "Seed " + seed + " is outside 0 … " + SeedStatic.MAX_SEED);
      }
    }
    if (d.probes().size() > MAX_PROBES || d.probes().stream().anyMatch(p -> p.isBlank() || p.length() > 200)) {
      throw new InvalidExperimentException("probes", "Up to " + MAX_PROBES + " measured terms of 1–200 characters each");
    }
    checkAxis(d);
    checkSize(d);
    // Every cell must make a valid recipe (steps, process, upscale limits of the loop).
    for (int a = 0; a < d.axis().size(); a++) {
      for (int r = 0; r < rows; r++) {
        try {
          generation.recipe(request(d, r, 0, a));
        } catch (InvalidRecipeException e) {
          throw new InvalidExperimentException(e.field(), e.getMessage());
        }
      }
    }
  }

  /** A free-text field of the grid, by the limits every entry point shares. */
  static void text(String field, String label, String value, int max) {
    FreeText.problem(label, value, max).ifPresent(message -> {
      throw new InvalidExperimentException(field, message);
    });
  }

  private static void checkAxis(ExperimentDefinition d) {
    var axis = d.axis();
    if (axis.kind() == ExperimentDefinition.Axis.Kind.NONE) {
      return;
    }
    if (axis.values().size() < 2 || axis.values().size() > MAX_AXIS_VALUES) {
      throw new InvalidExperimentException("axis", "A third axis has 2–" + MAX_AXIS_VALUES + " values");
    }
    for (var value : axis.values()) {
      switch (axis.kind()) {
        case STEPS -> number(value, "steps", true);
        case PROCESS -> {
          if (!ArtProcesses.names().contains(value)) {
            throw new InvalidExperimentException("axis", "Unknown art process '" + value + "': choose one of "
                + String.join(", ", ArtProcesses.names()));
          }
        }
        case WEIGHT -> {
          double w = number(value, "weight", false);
          if (Math.abs(w) > 100) {
            throw new InvalidExperimentException("axis", "Weight " + value + " is beyond ±100");
          }
        }
        case WHEN -> when(value, d.steps());
        case CFG -> {
          double cfg = number(value, "CFG scale", false);
          if (cfg < 0 || cfg > RecipeFactory.MAX_CFG_SCALE) {
            throw new InvalidExperimentException("axis", "CFG scale " + value + " is outside 0 … "
                + (int) RecipeFactory.MAX_CFG_SCALE);
          }
        }
        default -> {}
      }
    }
    // As with a weight, a row the axis does not apply to (no prompt editing) runs as written in
    // every column of the axis, a reference beside the rows it sweeps; a grid it applies to no row of is pointless.
    if (axis.kind() == ExperimentDefinition.Axis.Kind.WHEN
        && d.variants().stream().noneMatch(v -> parse(v).hasPromptEditing())) {
      throw new InvalidExperimentException("axis", "No row has A1111 prompt editing ([from:to:when], [to:when] or"
          + " [from::when]) whose when the axis sweeps");
    }
    if (axis.kind() == ExperimentDefinition.Axis.Kind.WEIGHT) {
      boolean anywhere = d.variants().stream().anyMatch(v -> parse(v).texts().contains(axis.term()));
      if (!anywhere) {
        throw new InvalidExperimentException("axis", "No row has the term '" + axis.term() + "' whose weight the axis sweeps");
      }
    }
  }

  private void checkSize(ExperimentDefinition d) {
    int cells = d.cells();
    long side = (long) modelImageSize(d) * d.upscale();
    long pixels = cells * side * side;
    var shape = d.variants().size() + " rows × " + d.seeds().size() + " seeds"
        + (d.axis().size() > 1 ? " × " + d.axis().size() + " " + d.axis().kind().id() + " values" : "");
    if (cells > settings.maxCells()) {
      throw new InvalidExperimentException("size", "This grid is " + shape + " = " + cells
          + " cells; the limit is " + settings.maxCells() + " (setting workbench.grid.max-cells): use fewer seeds or rows");
    }
    if (pixels > settings.maxPixels()) {
      throw new InvalidExperimentException("size", String.format(Locale.ROOT,
          "This grid is %s = %d cells of %d×%d px = %.1f megapixels; the limit is %.1f (setting workbench.grid.max-pixels):"
              + " use fewer seeds or a smaller upscale",
          shape, cells, side, side, pixels / 1e6, settings.maxPixels() / 1e6));
    }
  }

  /** The size of the images the grid's model makes (64 for the Sketchbook; a bad model is reported later). */
  private int modelImageSize(ExperimentDefinition d) {
    try {
      return generation.recipe(request(d, 0, 0, 0)).width();
    } catch (RuntimeException e) {
      return 64;
    }
  }

  /**
   * A when as A1111 reads it: with a decimal point a fraction of the steps (0.0 … 1.0), without
   * one a step number (0 … steps). A1111 also takes values beyond those, but they only repeat the
   * first or last column.
   */
  private static Timing.When when(String value, int steps) {
    Timing.When when;
    try {
      when = Timing.When.of(value.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidExperimentException("axis", "'" + value + "' is not a when: write a fraction of the steps"
          + " such as 0.25, or a step number such as 3");
    }
    boolean inside = when.fraction() ? when.value() >= 0 && when.value() <= 1
        : when.value() >= 0 && when.value() <= steps && when.value() == Math.rint(when.value());
    if (!inside) {
      throw new InvalidExperimentException("axis", "When " + value + " is outside the run: a fraction of the steps"
          + " is 0.0 … 1.0, a step number 0 … " + steps);
    }
    return when;
  }

  private static double number(String value, String what, boolean wholeNumber) {
    try {
      double v = Double.parseDouble(value.strip());
      if (wholeNumber && v != Math.rint(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidExperimentException("axis", "'" + value + "' is not a " + (wholeNumber ? "whole number" : "number")
          + " of " + what);
    }
  }

  static WeightedPrompt parse(ExperimentDefinition.Variant v) {
    return v.dialect().isBlank() ? PromptParser.parse(v.prompt()) : PromptParser.parse(v.prompt(), Dialect.fromId(v.dialect()));
  }

  /** The cell (row r, seed s, third-axis value a) as a generation request. */
  static RecipeFactory.Request request(ExperimentDefinition d, int r, int s, int a) {
    var variant = d.variants().get(r);
    var prompt = variant.prompt();
    var dialect = variant.dialect();
    int steps = d.steps();
    var process = d.process();
    var cfgScale = d.cfgScale();
    var axis = d.axis();
    switch (axis.kind()) {
      case CFG -> cfgScale = Double.parseDouble(axis.values().get(a).strip());
      case STEPS -> steps = (int) Double.parseDouble(axis.values().get(a).strip());
      case PROCESS -> process = axis.values().get(a);
      case WEIGHT -> {
        var parsed = parse(variant);
        int index = parsed.texts().indexOf(axis.term());
        if (index >= 0) {
          var swept = parsed.withWeight(index, Double.parseDouble(axis.values().get(a).strip()));
          prompt = PromptRenderer.render(swept, parsed.dialect());
          dialect = parsed.dialect().id();
        }
      }
      case WHEN -> {
        var parsed = parse(variant);
        if (parsed.hasPromptEditing()) {
          var swept = parsed.withWhen(Timing.When.of(axis.values().get(a).strip()));
          prompt = PromptRenderer.render(swept, parsed.dialect());
          dialect = parsed.dialect().id();
        }
      }
      default -> {}
    }
    return new RecipeFactory.Request(prompt, dialect, d.seeds().get(s), steps, process, d.upscale(), d.model(),
        d.negativePrompt(), cfgScale);
  }

  /** The heatmap's terms: every variant's terms, then the probes, each once. */
  static List<String> measuredTerms(ExperimentDefinition d) {
    var terms = new LinkedHashSet<String>();
    for (var v : d.variants()) {
      try {
        terms.addAll(parse(v).texts());
      } catch (PromptSyntaxException e) {
        // checked at definition; an old row that no longer parses just adds no terms
      }
    }
    terms.addAll(d.probes());
    return List.copyOf(terms);
  }
}
