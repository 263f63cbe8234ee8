package workbench.model.registry;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stable Diffusion from three TorchScript files, as DJL's Stable Diffusion example splits it:
 * the text encoder ({@code forward(ids) → hidden states}), the UNet ({@code forward(latent,
 * timestep, hidden states) → predicted noise}) and the VAE decoder ({@code forward(latent) →
 * image in [-1, 1]}); see {@code tools/export_sd.py}. The sampler is {@link DdimScheduler}, in
 * Java, with classifier-free guidance. The starting latent is not made here: the caller gives
 * it (the loop takes it from the seed's {@code SeedStatic}), so the engine's RNG is never used.
 */
public final class DiffusionGenerator implements AutoCloseable {

  private final ModelRegistry.Entry entry;
  private final TorchScript textEncoder;
  private final TorchScript unet;
  private final TorchScript vaeDecoder;
  private final TextTokens tokens;
  private final DdimScheduler scheduler;

  private DiffusionGenerator(ModelRegistry.Entry entry, TorchScript textEncoder, TorchScript unet, TorchScript vaeDecoder,
      TextTokens tokens) {
    this.entry = entry;
    this.textEncoder = textEncoder;
    this.unet = unet;
    this.vaeDecoder = vaeDecoder;
    this.tokens = tokens;
    var m = entry.manifest();
    this.scheduler = new DdimScheduler(m.trainTimesteps(), m.betaStart(), m.betaEnd());
  }

  static DiffusionGenerator load(ModelRegistry.Entry entry, Device device) {
    var opened = new ArrayList<AutoCloseable>();
    try {
      var tokens = TextTokens.load(entry);
      opened.add(tokens);
      var text = TorchScript.load(entry, "textEncoder", device);
      opened.add(text);
      var unet = TorchScript.load(entry, "unet", device);
      opened.add(unet);
      var vae = TorchScript.load(entry, "vaeDecoder", device);
      return new DiffusionGenerator(entry, text, unet, vae, tokens);
    } catch (RuntimeException e) {
      for (var o : opened) {
        try {
          o.close();
        } catch (Exception ignored) {
          // already failing; the first error is the one to report
        }
      }
      throw e;
    }
  }

  public String id() {
    return entry.id();
  }

  public String weightsSha256() {
    return entry.weightsSha256();
  }

  public Device device() {
    return unet.device();
  }

  /** The size of the images it makes. */
  public int imageSize() {
    return entry.manifest().inputSize();
  }

  /** Values in one starting latent: channels × latentSize². */
  public int latentSize() {
    var m = entry.manifest();
    return m.latentChannels() * m.latentSize() * m.latentSize();
  }

  /** The manifest's classifier-free guidance scale. */
  public double guidance() {
    return entry.manifest().guidance();
  }

  /**
   * A weighted prompt: terms and their weights, and the recipe's negative prompt ({@code ""}
   * for none); the negative prompt and the negative-weight terms make the negative conditioning.
   */
  public record Prompt(List<String> texts, double[] weights, String negative) {
    public Prompt(List<String> texts, double[] weights) {
      this(texts, weights, "");
    }
  }

  /**
   * (prompts, 2, contextLength, hidden): per prompt the negative conditioning (its negative
   * prompt and negative terms joined by ", ", or the empty text) and the positive one. Positive terms are encoded
   * as one text; each token's hidden state is multiplied by its term's weight (weights scaled
   * to average 1 over the positive terms) and the whole is rescaled to its unweighted mean, the
   * emphasis rule of A1111's web UI.
   */
  public NDArray condition(NDManager scope, List<Prompt> prompts) {
    int n = prompts.size();
    int length = tokens.contextLength();
    var ids = new long[n * length];
    var weights = new float[n * length];
    var negatives = new ArrayList<String>();
    for (int i = 0; i < n; i++) {
      var p = prompts.get(i);
      var positiveTexts = new ArrayList<String>();
      var positiveWeights = new ArrayList<Double>();
      var negativeTexts = new ArrayList<String>();
      if (!p.negative().isBlank()) {
        negativeTexts.add(p.negative());
      }
      for (int t = 0; t < p.texts().size(); t++) {
        if (p.weights()[t] > 0) {
          positiveTexts.add(p.texts().get(t));
          positiveWeights.add(p.weights()[t]);
        } else if (p.weights()[t] < 0) {
          negativeTexts.add(p.texts().get(t));
        }
      }
      double mean = positiveWeights.stream().mapToDouble(Double::doubleValue).average().orElse(1);
      var w = positiveWeights.stream().mapToDouble(v -> v / mean).toArray();
      var weighted = tokens.weighted(positiveTexts, w);
      System.arraycopy(weighted.ids(), 0, ids, i * length, length);
      System.arraycopy(weighted.weights(), 0, weights, i * length, length);
      negatives.add(String.join(", ", negativeTexts));
    }
    NDArray positive = encode(scope, scope.create(ids, new Shape(n, length)));
    NDArray originalMean = meanPerPrompt(positive);
    positive = positive.mul(scope.create(weights, new Shape(n, length, 1)));
    positive = positive.mul(originalMean.div(meanPerPrompt(positive)));
    NDArray negative = encode(scope, scope.create(tokens.ids(negatives), new Shape(n, length)));
    return NDArrays.stack(new NDList(negative, positive), 1);
  }

  /** (n, length, hidden) → (n, 1, 1): each prompt's mean hidden value. */
  private static NDArray meanPerPrompt(NDArray states) {
    long n = states.getShape().get(0);
    return states.reshape(n, -1).mean(new int[] {1}).reshape(n, 1, 1);
  }

  private NDArray encode(NDManager scope, NDArray ids) {
    return textEncoder.call(scope, "forward", ids).toType(DataType.FLOAT32, false);
  }

  /**
   * Step {@code step} of {@code steps} (1-based) for the latents {@code z} (rows of
   * {@link #latentSize}); rows not {@code live} stay as they are. The UNet sees the negative and
   * the positive conditioning in one batch; noise = ε₋ + guidance·(ε₊ − ε₋).
   */
  public void denoise(NDManager scope, float[][] z, boolean[] live, NDArray condition, int step, int steps, double guidance) {
    int n = z.length;
    int size = latentSize();
    var flat = new float[n * size];
    for (int i = 0; i < n; i++) {
      System.arraycopy(z[i], 0, flat, i * size, size);
    }
    try (NDManager stepScope = scope.newSubManager()) {
      NDArray x = latentArray(stepScope.create(flat, new Shape(n, size)));
      NDArray both = NDArrays.concat(new NDList(x, x), 0);
      NDArray states = NDArrays.concat(new NDList(
          condition.get(new NDIndex(":, 0")), condition.get(new NDIndex(":, 1"))), 0);
      states.attach(stepScope);
      var t = new float[2 * n];
      Arrays.fill(t, scheduler.timestep(step, steps));
      NDArray noise = unet.call(stepScope, "forward", both, stepScope.create(t), states).toType(DataType.FLOAT32, false);
      NDArray uncond = noise.get(new NDIndex("0:{}", n));
      NDArray cond = noise.get(new NDIndex("{}:", n));
      float[] eps = uncond.add(cond.sub(uncond).mul(guidance)).toFloatArray();
      for (int i = 0; i < n; i++) {
        if (!live[i]) {
          continue;
        }
        var e = new float[size];
        System.arraycopy(eps, i * size, e, 0, size);
        scheduler.step(z[i], e, step, steps);
      }
    }
  }

  /** (batch, latentSize) latents to (batch, 3, imageSize, imageSize) RGB in [0, 1]. */
  public NDArray decode(NDArray z) {
    NDArray latent = latentArray(z).div(entry.manifest().latentScale());
    NDArray image = vaeDecoder.call(z.getManager(), "forward", latent).toType(DataType.FLOAT32, false);
    return image.add(1).div(2).clip(0, 1);
  }

  private NDArray latentArray(NDArray flat) {
    var m = entry.manifest();
    return flat.reshape(flat.getShape().get(0), m.latentChannels(), m.latentSize(), m.latentSize());
  }

  public DdimScheduler scheduler() {
    return scheduler;
  }

  @Override
  public void close() {
    vaeDecoder.close();
    unet.close();
    textEncoder.close();
    tokens.close();
  }
}
