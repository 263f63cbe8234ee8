package workbench.journey;

import workbench.grid.export.MarkdownExport;
import workbench.grid.export.WikitextExport;

/**
 * Wikitext and Markdown that put a run's loop on a page: the filmstrip and the animation,
 * under the file names the exports download as, with a caption in the seed page's words
 * (starting seed image of static → art process → check output → loop → image done). The
 * prompt is the user's text and is escaped as the grid exports escape it.
 */
public final class JourneySnippet {

  private JourneySnippet() {}

  public static String filmstripFile(Journey journey) {
    return journey.fileStem() + "-filmstrip.png";
  }

  public static String animationFile(Journey journey) {
    return journey.fileStem() + "-loop.gif";
  }

  /** The caption, with the prompt already escaped for the target syntax. */
  static String caption(Journey journey, String escapedPrompt) {
    var r = journey.run().recipe();
    var out = new StringBuilder()
        .append("The loop for the prompt ").append(escapedPrompt)
        .append(" (seed ").append(r.seed()).append(", ").append(r.steps()).append(" steps of the ")
        .append(r.process()).append(" art process). Step 0 is the starting seed image, pure static made from the seed.")
        .append(" Each step the art process changes the image a little, and the check output scores it against each")
        .append(" word of the prompt, 0 to 100 (the numbers under each frame); the image goes back to the art process,")
        .append(" and the loop runs until the image is done.");
    if (journey.hasPredicted()) {
      out.append(" The lower row is the art process's prediction of the image done at that step, which is what the")
          .append(" check output scores.");
    }
    return out.toString();
  }

  public static String wikitext(Journey journey) {
    var prompt = "<code>" + WikitextExport.escape(journey.run().recipe().prompt()) + "</code>";
    return "[[File:" + filmstripFile(journey) + "|thumb|none|upright=3|" + caption(journey, prompt) + "]]\n"
        + "[[File:" + animationFile(journey) + "|thumb|none|192px|The same loop as an animation: starting seed image, art process, check output, loop, image done.]]\n";
  }

  public static String markdown(Journey journey) {
    var prompt = "<code>" + MarkdownExport.text(journey.run().recipe().prompt()) + "</code>";
    return "![The loop, from static to image done](" + filmstripFile(journey) + ")\n\n"
        + "*" + caption(journey, prompt) + "*\n\n"
        + "![The same loop as an animation: starting seed image, art process, check output, loop, image done]("
        + animationFile(journey) + ")\n";
  }
}
