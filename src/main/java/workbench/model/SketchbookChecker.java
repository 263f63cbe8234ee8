package workbench.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import workbench.model.registry.ImageArrays;
import workbench.sketchbook.Sketchbook;

/**
 * The default checker: scores images against text terms by cosine similarity in a shared
 * embedding space. Loads once; every call works in its own sub-manager and parameter store, so
 * calls from several threads do not share state, and the same code runs on CPU or GPU.
 */
public final class SketchbookChecker implements AutoCloseable {

  private final Model model;
  private final CheckerNetwork network;
  private final ModelCard card;
  private final CheckerNetwork.FoldedImages images;

  private SketchbookChecker(Model model, CheckerNetwork network, ModelCard card) {
    this.model = model;
    this.network = network;
    this.card = card;
    this.images = new CheckerNetwork.FoldedImages(network.images(), model.getNDManager());
  }

  /** The shipped weights from the classpath, on the CPU. */
  public static SketchbookChecker load() {
    return load(ModelSource.classpath(), Device.cpu());
  }

  public static SketchbookChecker load(ModelSource source, Device device) {
    ModelCard card = source.card();
    var network = new CheckerNetwork();
    Model model = Networks.load(source, card, CheckerTraining.WEIGHTS, network, device,
        CheckerNetwork.imageShape(1), CheckerNetwork.textShape(1));
    return new SketchbookChecker(model, network, card);
  }

  public ModelCard card() {
    return card;
  }

  public Device device() {
    return model.getNDManager().getDevice();
  }

  /** Unit-length embeddings of texts, and the words of theirs the checker does not know. */
  public record TextEmbeddings(float[][] vectors, List<String> unknownWords) {}

  public TextEmbeddings embedTexts(List<String> texts) {
    try (NDManager scope = model.getNDManager().newSubManager()) {
      TextFeatures features = TextFeatures.of(texts);
      NDArray vectors = textEmbeddings(scope, features);
      return new TextEmbeddings(rows(vectors, texts.size()), features.unknownWords());
    }
  }

  /** Unit-length embeddings of Sketchbook-sized images (others are scaled to 64x64). */
  public float[][] embedImages(List<BufferedImage> images) {
    try (NDManager scope = model.getNDManager().newSubManager()) {
      return rows(imageEmbeddings(imageArray(scope, images)), images.size());
    }
  }

  /** Cosine similarity of every image with every term: {@code [image][term]}. */
  public float[][] similarity(List<BufferedImage> images, List<String> terms) {
    try (NDManager scope = model.getNDManager().newSubManager()) {
      NDArray image = imageEmbeddings(imageArray(scope, images));
      NDArray text = textEmbeddings(scope, TextFeatures.of(terms));
      NDArray cos = image.matMul(text.transpose());
      float[] flat = cos.toFloatArray();
      float[][] out = new float[images.size()][terms.size()];
      for (int i = 0; i < images.size(); i++) {
        System.arraycopy(flat, i * terms.size(), out[i], 0, terms.size());
      }
      return out;
    }
  }

  /**
   * Unit-length image embeddings of a (batch, 3, 64, 64) array of RGB in [0, 1], kept
   * differentiable with respect to the images (for guidance through the generator).
   */
  public NDArray imageEmbeddings(NDArray images) {
    return this.images.forward(images).normalize(2, 1);
  }

  /**
   * How far apart two batches of RGB images in [0, 1] look to the checker's image encoder, the
   * mean over image pairs: at each layer the feature vectors of a place are scaled to unit length
   * and compared by squared distance (LPIPS's recipe, without its learnt layer weights), the
   * layers' means summed. Differentiable with respect to both batches.
   */
  public NDArray perceptualDistance(NDArray a, NDArray b) {
    NDList fa = images.featureMaps(a);
    NDList fb = images.featureMaps(b);
    NDArray sum = null;
    for (int i = 0; i < fa.size(); i++) {
      NDArray d = unitChannels(fa.get(i)).sub(unitChannels(fb.get(i))).square().sum(new int[] {1}).mean();
      sum = sum == null ? d : sum.add(d);
    }
    return Objects.requireNonNull(sum);
  }

  /** Feature vectors at unit length; the floor spares a place with no response (1e-10 diverged a run). */
  private static NDArray unitChannels(NDArray features) {
    return features.div(features.square().sum(new int[] {1}, true).add(1e-4f).sqrt());
  }

  /** Unit-length text embeddings, created in {@code scope}. */
  public NDArray textEmbeddings(NDManager scope, List<String> texts) {
    return textEmbeddings(scope, TextFeatures.of(texts));
  }

  NDArray textEmbeddings(NDManager scope, TextFeatures features) {
    NDArray input = scope.create(features.values(), CheckerNetwork.textShape(features.count()));
    var store = new ParameterStore(scope, false);
    return network.texts().forward(store, new NDList(input), false).singletonOrThrow().normalize(2, 1);
  }

  /**
   * What a generator is conditioned on, as Stable Diffusion reads CLIP's text encoder: per text
   * the unit embedding followed by the encoder's token states (before pooling), flattened:
   * (texts, {@link CheckerNetwork#CONDITION_WIDTH}), in {@code scope}.
   */
  NDArray conditioning(NDManager scope, List<String> texts) {
    return conditioning(scope, TextFeatures.of(texts));
  }

  /** As above, for token ids already made ({@link TextFeatures#ofTokens}). */
  NDArray conditioning(NDManager scope, TextFeatures features) {
    NDArray input = scope.create(features.values(), CheckerNetwork.textShape(features.count()));
    var store = new ParameterStore(scope, false);
    var layers = network.texts().getChildren().values();
    NDList x = new NDList(input);
    int i = 0;
    NDArray states = null;
    for (var layer : layers) {
      x = layer.forward(store, x, false);
      if (++i == CheckerNetwork.TOKEN_LAYERS) {
        states = x.singletonOrThrow().reshape(features.count(), -1);
      }
    }
    return x.singletonOrThrow().normalize(2, 1).concat(Objects.requireNonNull(states), 1);
  }

  /** Images as a (batch, 3, 64, 64) array in {@code scope} (scaled bilinear when another size). */
  public static NDArray imageArray(NDManager scope, List<BufferedImage> images) {
    return ImageArrays.of(scope, images, Sketchbook.IMAGE_SIZE);
  }

  static float[][] rows(NDArray matrix, int count) {
    float[] flat = matrix.toFloatArray();
    int width = flat.length / Math.max(1, count);
    float[][] out = new float[count][width];
    for (int i = 0; i < count; i++) {
      System.arraycopy(flat, i * width, out[i], 0, width);
    }
    return out;
  }

  /** FLOPs of the image encoder for one image (counted on a forward pass of a blank image). */
  public long imageEncoderFlops() {
    try (NDManager scope = model.getNDManager().newSubManager()) {
      return Flops.count(network.images(), new NDList(scope.zeros(CheckerNetwork.imageShape(1))));
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
