package workbench.generation;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import workbench.model.GeneratorPrior;
import workbench.model.ModelCard;
import workbench.model.ModelSource;
import workbench.model.SketchbookChecker;

/**
 * The checker and the generator prior the loop runs on, loaded once and shared by all runs
 * (every call works in its own NDManager scope, so threads do not share arrays).
 */
public final class LoopModels implements AutoCloseable {

  private final SketchbookChecker checker;
  private final GeneratorPrior prior;
  private final String weightsSha256;

  private LoopModels(SketchbookChecker checker, GeneratorPrior prior) {
    this.checker = checker;
    this.prior = prior;
    this.weightsSha256 = combinedSha256(checker.card().sha256());
  }

  /** The shipped Sketchbook models on the CPU. */
  public static LoopModels sketchbook() {
    return load(ModelSource.classpath(), Device.cpu());
  }

  public static LoopModels load(ModelSource source, Device device) {
    var checker = SketchbookChecker.load(source, device);
    try {
      return new LoopModels(checker, GeneratorPrior.load(source, device, checker));
    } catch (RuntimeException e) {
      checker.close();
      throw e;
    }
  }

  public String modelId() {
    return checker.card().name();
  }

  /** One hash for the pair: sha256 over the sorted "file=sha256" lines of the model card. */
  public String weightsSha256() {
    return weightsSha256;
  }

  public String device() {
    return checker.device().toString();
  }

  public int imageSize() {
    return checker.card().imageSize();
  }

  public int latentSize() {
    return prior.latentSize();
  }

  public ModelCard card() {
    return checker.card();
  }

  /** Words of {@code texts} the checker's vocabulary does not know (they are ignored). */
  public List<String> unknownWords(List<String> texts) {
    return checker.embedTexts(texts).unknownWords();
  }

  /** Cosine similarity of every image with every term: {@code [image][term]}. */
  public float[][] similarity(List<BufferedImage> images, List<String> terms) {
    return checker.similarity(images, terms);
  }

  /** Unit-length image embeddings (the checker's image encoder alone): for throughput figures. */
  public float[][] embedImages(List<BufferedImage> images) {
    return checker.embedImages(images);
  }

  /** FLOPs of the checker's image encoder for one image. */
  public long checkerFlopsPerImage() {
    return checker.imageEncoderFlops();
  }

  /** FLOPs of the generator's decoder for one image. */
  public long generatorFlopsPerImage() {
    return prior.decoderFlops();
  }

  NDManager newScope() {
    return NDManager.newBaseManager(checker.device());
  }

  NDArray latents(NDManager scope, float[][] z) {
    int size = latentSize();
    var flat = new float[z.length * size];
    for (int i = 0; i < z.length; i++) {
      System.arraycopy(z[i], 0, flat, i * size, size);
    }
    return scope.create(flat, new Shape(z.length, size));
  }

  NDArray textEmbeddings(NDManager scope, List<String> texts) {
    return checker.textEmbeddings(scope, texts);
  }

  /** (batch, 3, size, size) RGB in [0, 1], differentiable with respect to z. */
  NDArray decode(NDArray z, NDArray condition) {
    return prior.decode(z, condition);
  }

  NDArray imageEmbeddings(NDArray images) {
    return checker.imageEmbeddings(images);
  }

  NDArray imageArray(NDManager scope, List<BufferedImage> images) {
    return SketchbookChecker.imageArray(scope, images);
  }

  List<BufferedImage> images(NDArray batch) {
    return GeneratorPrior.images(batch);
  }

  private static String combinedSha256(Map<String, String> files) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      new TreeMap<>(files).forEach((file, sha) -> digest.update((file + "=" + sha + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    prior.close();
    checker.close();
  }
}
