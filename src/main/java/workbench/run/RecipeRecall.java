package workbench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import workbench.loop.ArtProcesses;
import workbench.loop.ForeignMetadata;
import workbench.loop.PngMetadata;
import workbench.loop.RecallException;
import workbench.loop.RecalledRecipe;
import workbench.loop.RecipeFactory;
import workbench.loop.RecipeText;
import workbench.loop.SeedStatic;
import workbench.loop.TextBudget;
import workbench.prompt.Dialect;

/**
 * Recall from a PNG: an image made by the workbench (its recipe chunk) or by A1111, ComfyUI,
 * InvokeAI, NovelAI or Fooocus ({@link ForeignMetadata}) fills the generate form; their prompts
 * are read in the A1111 dialect, whose emphasis they all share. The limits are checked
 * before anything is decoded: bytes first, then the pixel count from IHDR; the text is read
 * within a budget of unpacked bytes (all chunks together) and of time, in linear time.
 */
@Service
@PreAuthorize("hasRole('VIEWER')")
public class RecipeRecall {

  private final RecallSettings settings;
  private final GenerationService generation;

  RecipeRecall(RecallSettings settings, GenerationService generation) {
    this.settings = settings;
    this.generation = generation;
  }

  public RecallSettings settings() {
    return settings;
  }

  /**
   * Reads {@code png} (named {@code fileName} in messages); what it does not say is taken
   * from {@code form}. Throws {@link RecallException} with the reason otherwise.
   */
  @PreAuthorize("hasRole('EDITOR')") // recall fills the Generate page to run again: an editor's step, as the README says
  public RecalledRecipe recall(String fileName, byte[] png, RecipeFactory.Request form) {
    long maxBytes = settings.maxUploadSize().toBytes();
    if (png.length > maxBytes) {
      throw new RecallException(fileName + " is " + megabytes(png.length) + "; the most a PNG may be is " + megabytes(maxBytes)
          + " (setting workbench.gallery.max-upload-size)");
    }
    int[] size;
    Map<String, String> texts;
    var budget = TextBudget.of(settings.maxTextSize().toBytes(), settings.maxReadTime());
    try {
      size = PngMetadata.size(png);
      if (size[0] <= 0 || size[1] <= 0) {
        // IHDR's fields are unsigned, 1 … 2^31 - 1: anything else is damage, not a size to compare.
        throw new RecallException(fileName + " is not a PNG the workbench can read: its header gives the size "
            + Integer.toUnsignedString(size[0]) + " × " + Integer.toUnsignedString(size[1])
            + " pixels, and a PNG's width and height are 1 … " + Integer.MAX_VALUE);
      }
      long pixels = (long) size[0] * size[1];
      if (pixels > settings.maxUploadPixels()) {
        throw new RecallException(fileName + " is " + size[0] + " × " + size[1] + " pixels ("
            + megapixels(pixels) + "); the most is " + megapixels(settings.maxUploadPixels())
            + " (setting workbench.gallery.max-upload-pixels)");
      }
      texts = PngMetadata.read(png, budget);
    } catch (RecallException e) {
      throw e;
    } catch (TextBudget.Exceeded e) {
      throw overBudget(fileName, e, budget);
    } catch (IllegalArgumentException e) {
      throw new RecallException(fileName + " is not a PNG the workbench can read: " + e.getMessage());
    }
    if (texts.containsKey(RecipeText.RECIPE_KEY)) {
      try {
        var recipe = RecipeText.fromJson(texts.get(RecipeText.RECIPE_KEY));
        var request = RecipeFactory.Request.of(recipe);
        return new RecalledRecipe(request, RecalledRecipe.Source.WORKBENCH, List.of());
      } catch (IllegalArgumentException e) {
        if (!texts.containsKey(RecipeText.PARAMETERS_KEY)) {
          throw new RecallException(fileName + ": its workbench recipe is damaged (" + e.getMessage() + ")");
        }
      }
    }
    try {
      var found = ForeignMetadata.read(fileName, texts, budget);
      if (found.isPresent()) {
        return fromParameters(found.get(), form);
      }
    } catch (TextBudget.Exceeded e) {
      throw overBudget(fileName, e, budget);
    }
    throw new RecallException("No parameters found in " + fileName + ": it has no text chunk of the workbench, A1111, "
        + "ComfyUI, InvokeAI, NovelAI or Fooocus" + (texts.isEmpty() ? " (it has no text chunks at all)"
        : " (its text chunks: " + String.join(", ", texts.keySet().stream().limit(10).toList()) + ")"));
  }

  private static RecallException overBudget(String fileName, TextBudget.Exceeded e, TextBudget budget) {
    return new RecallException(fileName + ": " + e.getMessage() + "; the most is " + switch (e.limit()) {
      case TEXT_SIZE -> TextBudget.megabytes(budget.maxTextBytes()) + " (setting workbench.gallery.max-text-size)";
      case TIME -> TextBudget.seconds(budget.maxTime()) + " (setting workbench.gallery.max-read-time)";
    });
  }

  private RecalledRecipe fromParameters(ForeignMetadata.Found found, RecipeFactory.Request form) {
    var parameters = found.parameters();
    var notes = new ArrayList<String>(found.notes());
    long seed = parameters.seed().filter(s -> s >= 0 && s <= SeedStatic.MAX_SEED).orElse(form.seed());
    var seedText = parameters.settings().get("Seed");
    if (seedText == null) {
      notes.add("no seed in the PNG: kept " + form.seed());
    } else if (parameters.seed().isEmpty()) {
      notes.add("seed “" + seedText + "” is not a whole number: kept " + form.seed());
    } else if (seed != parameters.seed().get()) {
      notes.add("seed " + parameters.seed().get() + " is outside 0 … " + SeedStatic.MAX_SEED + ": kept " + form.seed());
    }
    int maxSteps = generation.limits().maxSteps();
    int steps = parameters.steps().orElse(form.steps());
    if (steps > maxSteps) {
      notes.add(steps + " steps are over the limit: using " + maxSteps);
      steps = maxSteps;
    }
    // Our own PNGs name the art process; an A1111 sampler that is one of ours (DDIM) counts too.
    var named = RecipeText.artProcess(parameters.settings()).map(s -> s.toLowerCase(Locale.ROOT));
    var process = named.filter(ArtProcesses.names()::contains).orElse(form.process());
    if (named.isPresent() && !process.equals(named.get())) {
      notes.add("art process “" + named.get() + "” is not a workbench art process: using " + process);
    } else if (named.isEmpty() && parameters.settings().containsKey("Sampler")) {
      notes.add("sampler “" + parameters.settings().get("Sampler") + "” is not a workbench art process: using " + process);
    }
    // The negative prompt and CFG scale are classifier-free guidance's: only the diffusion processes have it.
    boolean diffusion = ArtProcesses.get(process).hasClassifierFreeGuidance();
    var negative = parameters.negativePrompt().strip();
    if (!negative.isEmpty() && !diffusion) {
      notes.add("the negative prompt was left out: art process " + process + " has none (write negatives as term::-0.5)");
      negative = "";
    }
    Double cfgScale = null;
    var cfgText = parameters.settings().get("CFG scale");
    if (cfgText != null) {
      var read = parseDouble(cfgText);
      if (!diffusion) {
        notes.add("CFG scale " + cfgText + " was left out: art process " + process + " has no classifier-free guidance");
      } else if (read == null || read < 0 || read > RecipeFactory.MAX_CFG_SCALE) {
        notes.add("CFG scale “" + cfgText + "” is not a number 0 … " + (int) RecipeFactory.MAX_CFG_SCALE
            + ": using the model's own");
      } else {
        cfgScale = read;
      }
    }
    int upscale = parseInt(parameters.settings().get("Upscale"), form.upscale());
    var request = new RecipeFactory.Request(parameters.prompt(), Dialect.A1111.id(), seed, steps, process, upscale)
        .withGuidance(negative, cfgScale);
    return new RecalledRecipe(request, found.source(), notes);
  }

  private static int parseInt(String text, int otherwise) {
    if (text == null) {
      return otherwise;
    }
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private static @Nullable Double parseDouble(String text) {
    try {
      double value = Double.parseDouble(text.strip());
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  static String megapixels(long pixels) {
    return String.format(Locale.ROOT, "%.1f megapixels", pixels / 1_000_000.0);
  }
}
