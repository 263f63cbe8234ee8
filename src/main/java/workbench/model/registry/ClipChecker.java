package workbench.model.registry;

import ai.djl.Device;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A CLIP exported as one TorchScript module with the methods {@code encode_image(pixels)} and
 * {@code encode_text(ids)} (the layout open_clip's and DJL's CLIP examples use; see
 * {@code tools/export_clip.py}). Images come in as RGB in [0, 1], are resized to the manifest's
 * {@code inputSize} and normalised with its mean and std; texts are tokenised with the folder's
 * {@code tokenizer.json}. Scores are cosines; people see CLIPScore, 100·max(cos, 0).
 */
public final class ClipChecker implements AutoCloseable {

  private final ModelRegistry.Entry entry;
  private final TorchScript model;
  private final TextTokens tokens;
  private final float[] mean;
  private final float[] std;

  private ClipChecker(ModelRegistry.Entry entry, TorchScript model, TextTokens tokens) {
    this.entry = entry;
    this.model = model;
    this.tokens = tokens;
    this.mean = floats(entry.manifest().mean());
    this.std = floats(entry.manifest().std());
  }

  static ClipChecker load(ModelRegistry.Entry entry, Device device) {
    var tokens = TextTokens.load(entry);
    try {
      return new ClipChecker(entry, TorchScript.load(entry, "model", device), tokens);
    } catch (RuntimeException e) {
      tokens.close();
      throw e;
    }
  }

  public String id() {
    return entry.id();
  }

  public String weightsSha256() {
    return entry.weightsSha256();
  }

  public int inputSize() {
    return entry.manifest().inputSize();
  }

  public Device device() {
    return model.device();
  }

  /** Unit-length text embeddings (texts, dim), created in {@code scope}. */
  public NDArray textEmbeddings(NDManager scope, List<String> texts) {
    NDArray ids = scope.create(tokens.ids(texts), new Shape(texts.size(), tokens.contextLength()));
    return model.call(scope, "encode_text", ids).toType(DataType.FLOAT32, false).normalize(2, 1);
  }

  /**
   * Unit-length embeddings of (batch, 3, h, w) RGB in [0, 1]; any square size is resized
   * (bilinear) to the model's. Differentiable with respect to the images.
   */
  public NDArray imageEmbeddings(NDArray images) {
    NDManager scope = images.getManager();
    int size = inputSize();
    NDArray x = images;
    if (x.getShape().get(2) != size || x.getShape().get(3) != size) {
      // The engine resizes channels-last images.
      x = NDImageUtils.resize(x.transpose(0, 2, 3, 1), size, size).transpose(0, 3, 1, 2);
    }
    NDArray m = scope.create(mean, new Shape(1, 3, 1, 1));
    NDArray s = scope.create(std, new Shape(1, 3, 1, 1));
    return model.call(scope, "encode_image", x.sub(m).div(s)).toType(DataType.FLOAT32, false).normalize(2, 1);
  }

  /** Images as a (batch, 3, inputSize, inputSize) array in [0, 1], in {@code scope}. */
  public NDArray imageArray(NDManager scope, List<BufferedImage> images) {
    return ImageArrays.of(scope, images, inputSize());
  }

  /** Cosine similarity of every image with every term: {@code [image][term]}. */
  public float[][] similarity(List<BufferedImage> images, List<String> terms) {
    try (NDManager scope = NDManager.newBaseManager(device())) {
      NDArray cos = imageEmbeddings(imageArray(scope, images)).matMul(textEmbeddings(scope, terms).transpose());
      float[] flat = cos.toFloatArray();
      var out = new float[images.size()][terms.size()];
      for (int i = 0; i < images.size(); i++) {
        System.arraycopy(flat, i * terms.size(), out[i], 0, terms.size());
      }
      return out;
    }
  }

  private static float[] floats(List<Double> values) {
    var out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).floatValue();
    }
    return out;
  }

  @Override
  public void close() {
    model.close();
    tokens.close();
  }
}
