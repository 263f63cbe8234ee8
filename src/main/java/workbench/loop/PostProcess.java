package workbench.loop;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;

/**
 * Image done: enlarge the model's small image for people to look at (bicubic, by Java2D, so it
 * is the same on every machine) and clean it up with a light unsharp mask. The raw image is
 * kept beside it; scores are always of the raw image.
 */
public final class PostProcess {

  public static final int MAX_UPSCALE = 8;

  private PostProcess() {}

  public static BufferedImage apply(BufferedImage raw, int factor) {
    if (factor < 1 || factor > MAX_UPSCALE) {
      throw new IllegalArgumentException("upscale " + factor + " is outside 1 … " + MAX_UPSCALE);
    }
    if (factor == 1) {
      return raw;
    }
    int w = raw.getWidth() * factor;
    int h = raw.getHeight() * factor;
    var big = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    var g = big.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(raw, 0, 0, w, h, null);
    g.dispose();
    return sharpen(big);
  }

  /** A mild unsharp mask: the centre weighs a little more than its four neighbours take away. */
  private static BufferedImage sharpen(BufferedImage image) {
    float a = -0.1f;
    var kernel = new Kernel(3, 3, new float[] {0, a, 0, a, 1 - 4 * a, a, 0, a, 0});
    var out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    return new ConvolveOp(kernel, ConvolveOp.EDGE_NO_OP, null).filter(image, out);
  }
}
