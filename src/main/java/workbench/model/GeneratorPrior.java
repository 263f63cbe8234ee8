package workbench.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import workbench.model.registry.ImageArrays;

/**
 * The default image prior: decodes a latent vector and a prompt (through the checker's text
 * embedding) into a 64x64 Sketchbook-like image. {@link #steer} gives the gradient of a weighted
 * checker score with respect to the latent, for guided art processes.
 */
public final class GeneratorPrior implements AutoCloseable {

  private final Model model;
  private final GeneratorNetwork network;
  private final SketchbookChecker checker;

  private GeneratorPrior(Model model, GeneratorNetwork network, SketchbookChecker checker) {
    this.model = model;
    this.network = network;
    this.checker = checker;
  }

  /** The shipped weights on the CPU; the checker supplies text embeddings and is not closed here. */
  public static GeneratorPrior load(SketchbookChecker checker) {
    return load(ModelSource.classpath(), checker.device(), checker);
  }

  public static GeneratorPrior load(ModelSource source, Device device, SketchbookChecker checker) {
    ModelCard card = source.card();
    var network = new GeneratorNetwork();
    Model model = Networks.load(source, card, GeneratorTraining.WEIGHTS, network, device,
        new Shape(1, CheckerNetwork.EMBEDDING), new Shape(1, CheckerNetwork.EMBEDDING),
        new Shape(1, GeneratorNetwork.LATENT));
    return new GeneratorPrior(model, network, checker);
  }

  public int latentSize() {
    return GeneratorNetwork.LATENT;
  }

  /** The latent "static" of a seed: standard normal values, the same on every machine. */
  public static float[] latent(long seed) {
    var random = new SplittableRandom(seed);
    float[] z = new float[GeneratorNetwork.LATENT];
    for (int i = 0; i < z.length; i++) {
      // Box-Muller from SplittableRandom: no platform-dependent RNG.
      double u = 1.0 - random.nextDouble();
      double v = random.nextDouble();
      z[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
    }
    return z;
  }

  public BufferedImage decode(float[] z, String prompt) {
    return decode(List.of(z), List.of(prompt)).get(0);
  }

  /** Decodes latents, each with its prompt, in one batch. */
  public List<BufferedImage> decode(List<float[]> latents, List<String> prompts) {
    try (NDManager scope = model.getNDManager().newSubManager()) {
      NDArray z = latentArray(scope, latents);
      NDArray text = checker.textEmbeddings(scope, prompts);
      return images(decode(z, text));
    }
  }

  /** Differentiable decode of (batch, latent) and (batch, 128) text embeddings to (batch, 3, 64, 64). */
  public NDArray decode(NDArray z, NDArray textEmbedding) {
    return network.decode(new ParameterStore(z.getManager(), false), z, textEmbedding, false);
  }

  /** A weighted checker score of the decoded image, per-term similarities, and d(score)/d(z). */
  public record Steering(float score, float[] termSimilarities, float[] gradient) {}

  /**
   * Decodes {@code z} for {@code prompt}, scores the image against {@code terms} (score =
   * sum w·cos / sum |w|) and returns the gradient of that score with respect to z.
   */
  public Steering steer(float[] z, String prompt, List<String> terms, float[] weights) {
    float total = 0;
    for (float w : weights) {
      total += Math.abs(w);
    }
    try (NDManager scope = model.getNDManager().newSubManager()) {
      NDArray latent = latentArray(scope, List.of(z));
      latent.setRequiresGradient(true);
      NDArray condition = checker.textEmbeddings(scope, List.of(prompt));
      NDArray termVectors = checker.textEmbeddings(scope, terms);
      NDArray w = scope.create(weights).div(total);
      return Gradients.collect(scope, collector -> steer(collector, latent, condition, termVectors, w, terms.size()));
    }
  }

  private Steering steer(GradientCollector collector, NDArray latent, NDArray condition, NDArray termVectors, NDArray w, int terms) {
    NDArray image = decode(latent, condition);
    NDArray similarities = checker.imageEmbeddings(image).matMul(termVectors.transpose()).reshape(terms);
    NDArray score = similarities.mul(w).sum();
    collector.backward(score);
    return new Steering(score.getFloat(), similarities.toFloatArray(), latent.getGradient().toFloatArray());
  }

  static NDArray latentArray(NDManager scope, List<float[]> latents) {
    float[] flat = new float[latents.size() * GeneratorNetwork.LATENT];
    for (int i = 0; i < latents.size(); i++) {
      System.arraycopy(latents.get(i), 0, flat, i * GeneratorNetwork.LATENT, GeneratorNetwork.LATENT);
    }
    return scope.create(flat, new Shape(latents.size(), GeneratorNetwork.LATENT));
  }

  /** (batch, 3, size, size) in [0, 1] to RGB images. */
  public static List<BufferedImage> images(NDArray batch) {
    return ImageArrays.images(batch);
  }

  /** FLOPs of the decoder for one image (counted on a forward pass of a zero latent). */
  public long decoderFlops() {
    try (NDManager scope = model.getNDManager().newSubManager()) {
      var input = scope.zeros(new Shape(1, GeneratorNetwork.LATENT + CheckerNetwork.EMBEDDING));
      return Flops.count(network.decoder(), new NDList(input));
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
