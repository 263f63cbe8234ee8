package workbench.model.registry;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;

/** RGB images ↔ (batch, 3, size, size) arrays of values in [0, 1], for any square size. */
public final class ImageArrays {

  private ImageArrays() {}

  /** Images scaled (bilinear) to {@code size}×{@code size}, as a (batch, 3, size, size) array in {@code scope}. */
  public static NDArray of(NDManager scope, List<BufferedImage> images, int size) {
    int plane = size * size;
    var values = new float[images.size() * 3 * plane];
    for (int i = 0; i < images.size(); i++) {
      var image = fit(images.get(i), size);
      int base = i * 3 * plane;
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int rgb = image.getRGB(x, y);
          int p = y * size + x;
          values[base + p] = ((rgb >> 16) & 0xFF) / 255f;
          values[base + plane + p] = ((rgb >> 8) & 0xFF) / 255f;
          values[base + 2 * plane + p] = (rgb & 0xFF) / 255f;
        }
      }
    }
    return scope.create(values, new Shape(images.size(), 3, size, size));
  }

  /** (batch, 3, height, width) values in [0, 1] to 8-bit RGB images (rounded, clipped). */
  public static List<BufferedImage> images(NDArray batch) {
    var shape = batch.getShape();
    int n = (int) shape.get(0);
    int height = (int) shape.get(2);
    int width = (int) shape.get(3);
    int plane = width * height;
    float[] v = batch.toFloatArray();
    var out = new ArrayList<BufferedImage>(n);
    for (int i = 0; i < n; i++) {
      var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      // Straight into the image's packed 0xRRGGBB pixels: setRGB per pixel goes through the
      // colour model each time and cost more than a decoder pass, at every step of the loop.
      int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
      int base = i * 3 * plane;
      for (int p = 0; p < plane; p++) {
        int r = channel(v[base + p]);
        int g = channel(v[base + plane + p]);
        int b = channel(v[base + 2 * plane + p]);
        pixels[p] = (r << 16) | (g << 8) | b;
      }
      out.add(image);
    }
    return out;
  }

  private static int channel(float value) {
    return Math.max(0, Math.min(255, Math.round(value * 255)));
  }

  private static BufferedImage fit(BufferedImage image, int size) {
    if (image.getWidth() == size && image.getHeight() == size) {
      return image;
    }
    var scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    var g = scaled.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, size, size, null);
    g.dispose();
    return scaled;
  }
}
