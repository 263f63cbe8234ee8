package workbench.model;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import workbench.sketchbook.Caption;
import workbench.sketchbook.CaptionGrammar;
import workbench.sketchbook.Description;
import workbench.sketchbook.Scene;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Split;

/**
 * The fixed prompt set images are measured on: captions of the first scenes of the held-out
 * split (never seen in training), each with seeds 1, 2, ... The same call gives the same set on
 * every machine, so figures of different runs and models compare.
 */
public final class HeldOutPrompts {

  private static final long SALT = 0x5A3B_1E5L;

  /** One prompt of the set: the caption, what it claims, the scene it was written for, and a seed. */
  public record Prompt(String caption, Description description, long wording, Scene scene, long seed) {
    public BufferedImage render() {
      return Sketchbook.render(scene);
    }

    /** The caption as the Sketchbook wrote it (for hard negatives). */
    public Caption asCaption() {
      return new Caption(caption, description, wording);
    }
  }

  private HeldOutPrompts() {}

  /** {@code captions} captions x {@code seeds} seeds, caption-major. */
  public static List<Prompt> first(int captions, int seeds) {
    var out = new ArrayList<Prompt>();
    for (int i = 0; i < captions; i++) {
      Scene scene = Sketchbook.scene(Split.HELD_OUT.seed(10_000 + i));
      Caption caption = CaptionGrammar.describe(scene, new SplittableRandom(scene.seed() ^ SALT));
      for (int s = 1; s <= seeds; s++) {
        out.add(new Prompt(caption.text(), caption.description(), caption.wording(), scene, s));
      }
    }
    return out;
  }
}
