package workbench.gallery;

import java.util.List;
import workbench.generation.RecipeFactory;

/**
 * What a PNG said about how it was made, as a request for the generate form. Settings the
 * PNG did not carry keep the values of the form; {@code notes} say what was left out or changed.
 */
public record RecalledRecipe(RecipeFactory.Request request, Source source, List<String> notes) {

  public RecalledRecipe {
    notes = List.copyOf(notes);
  }

  public enum Source {
    /** The workbench's own {@code workbench-recipe} JSON chunk: everything. */
    WORKBENCH,
    /** An A1111-style {@code parameters} chunk: prompt, seed, steps. */
    A1111
  }
}
