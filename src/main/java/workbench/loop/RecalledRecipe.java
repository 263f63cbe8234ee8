package workbench.loop;

import java.util.List;

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
    WORKBENCH("the workbench"),
    /** An A1111-style {@code parameters} chunk: prompt, seed, steps. */
    A1111("A1111"),
    /** ComfyUI's {@code prompt} graph. */
    COMFYUI("ComfyUI"),
    /** InvokeAI's {@code invokeai_metadata}, {@code sd-metadata} or {@code Dream}. */
    INVOKEAI("InvokeAI"),
    /** NovelAI's {@code Description} and {@code Comment}. */
    NOVELAI("NovelAI"),
    /** Fooocus's JSON {@code parameters}. */
    FOOOCUS("Fooocus");

    private final String tool;

    Source(String tool) {
      this.tool = tool;
    }

    /** The tool's name as people know it. */
    public String tool() {
      return tool;
    }
  }
}
