package workbench.loop;

import ai.djl.Device;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import workbench.model.DiffusionSampler;
import workbench.model.GeneratorPrior;
import workbench.model.ModelCard;
import workbench.model.ModelSource;
import workbench.model.SketchbookChecker;
import workbench.model.SketchbookDiffusion;
import workbench.model.registry.ClipChecker;
import workbench.model.registry.DiffusionGenerator;
import workbench.model.registry.ImageArrays;
import workbench.model.registry.ModelRegistry;
import workbench.prompt.Term;

/**
 * The checker and the generator the loop runs on, named by one model id: the built-in
 * {@code sketchbook-v1} pair, or {@code <generator>+<checker>} for models of the registry (e.g.
 * {@code tiny-sd+tiny-clip}, a Stable Diffusion scored by the Sketchbook checker,
 * {@code my-sd+sketchbook-v1}, or the Sketchbook prior steered by a CLIP, {@code sketchbook-v1+my-clip}). Models are loaded once and shared by all runs (every call
 * works in its own NDManager scope, so threads do not share arrays); registry models belong
 * to the registry, which closes them.
 */
public final class LoopModels implements AutoCloseable {

  public static final String SKETCHBOOK = ModelCard.NAME;

  /** What the loop asks of a checker. */
  private interface Checker {
    String id();

    String weightsSha256();

    Device device();

    List<String> unknownWords(List<String> texts);

    NDArray textEmbeddings(NDManager scope, List<String> texts);

    NDArray imageEmbeddings(NDArray images);

    NDArray imageArray(NDManager scope, List<BufferedImage> images);

    float[][] similarity(List<BufferedImage> images, List<String> terms);
  }

  private final Checker checker;
  private final @Nullable GeneratorPrior prior;
  private final @Nullable DiffusionGenerator diffusion;
  /** The built-in diffusion generator (pixel space): the {@code diffusion} and {@code dpmpp-2m} processes. */
  private final @Nullable SketchbookDiffusion pixels;
  private final @Nullable SketchbookChecker sketchbook;
  private final String modelId;
  private final String weightsSha256;
  private final boolean ownsModels;

  private LoopModels(Checker checker, @Nullable GeneratorPrior prior, @Nullable DiffusionGenerator diffusion,
      @Nullable SketchbookDiffusion pixels, @Nullable SketchbookChecker sketchbook, String modelId,
      String weightsSha256, boolean ownsModels) {
    this.checker = checker;
    this.prior = prior;
    this.diffusion = diffusion;
    this.pixels = pixels;
    this.sketchbook = sketchbook;
    this.modelId = modelId;
    this.weightsSha256 = weightsSha256;
    this.ownsModels = ownsModels;
  }

  /** The shipped Sketchbook models on the CPU. */
  public static LoopModels sketchbook() {
    return load(ModelSource.classpath(), Device.cpu());
  }

  public static LoopModels load(ModelSource source, Device device) {
    var checker = SketchbookChecker.load(source, device);
    try {
      var prior = GeneratorPrior.load(source, device, checker);
      // A folder of older models (no diffusion weights) still runs the CVAE processes.
      var pixels = checker.card().sha256().containsKey(SketchbookDiffusion.WEIGHTS)
          ? SketchbookDiffusion.load(source, device, checker) : null;
      return new LoopModels(sketchbookChecker(checker), prior, null, pixels, checker, checker.card().name(),
          ModelRegistry.combinedSha256(checker.card().sha256()), true);
    } catch (RuntimeException e) {
      checker.close();
      throw e;
    }
  }

  /**
   * The pair {@code <generator>+<checker>} of {@code registry}; the checker may be
   * {@code sketchbook-v1}, whose models {@code sketchbook} lends (neither is closed here).
   */
  public static LoopModels pair(String id, ModelRegistry registry, LoopModels sketchbook) {
    int plus = id.indexOf('+');
    if (plus <= 0 || plus == id.length() - 1) {
      throw new IllegalArgumentException("model '" + id + "' is neither " + SKETCHBOOK + " nor <generator>+<checker>");
    }
    String generatorId = id.substring(0, plus);
    String checkerId = id.substring(plus + 1);
    if (generatorId.equals(SKETCHBOOK)) {
      // The Sketchbook prior (conditioned in its own checker's text space) scored by a CLIP.
      if (checkerId.equals(SKETCHBOOK)) {
        throw new IllegalArgumentException("model '" + id + "' is the built-in pair: call it " + SKETCHBOOK);
      }
      var clip = clipChecker(registry.checker(checkerId));
      String sha = ModelRegistry.combinedSha256(Map.of(SKETCHBOOK, sketchbook.weightsSha256, clip.id(), clip.weightsSha256()));
      return new LoopModels(clip, sketchbook.prior, null, null, sketchbook.sketchbook, id, sha, false);
    }
    var generator = registry.generator(generatorId);
    Checker checker = checkerId.equals(SKETCHBOOK) ? sketchbook.checker : clipChecker(registry.checker(checkerId));
    String sha = ModelRegistry.combinedSha256(Map.of(generator.id(), generator.weightsSha256(), checker.id(), checker.weightsSha256()));
    return new LoopModels(checker, null, generator, null, sketchbook.sketchbook, id, sha, false);
  }

  public String modelId() {
    return modelId;
  }

  /** One hash for the pair's weights (sketchbook: sha256 over the sorted "file=sha256" lines of the card). */
  public String weightsSha256() {
    return weightsSha256;
  }

  public String device() {
    return (diffusion != null ? diffusion.device() : checker.device()).toString();
  }

  /** The size of the images the generator makes. */
  public int imageSize() {
    return diffusion != null ? diffusion.imageSize() : sketchbookModels().card().imageSize();
  }

  public int latentSize() {
    return diffusion != null ? diffusion.latentSize() : prior().latentSize();
  }

  /** Whether the generator is a diffusion model (sampled by the {@code diffusion} art process). */
  public boolean diffusion() {
    return diffusion != null;
  }

  /** The art processes this pair can run, the default first. */
  public List<String> processes() {
    if (diffusion != null) {
      return ArtProcesses.runningOn(ArtProcess.Generator.REGISTRY_DIFFUSION);
    }
    // The diffusion model is the default where it is shipped: the judge reads its images far
    // better than the CVAE's (README, "Sketchbook diffusion"); the CVAE's processes follow.
    var prior = ArtProcesses.runningOn(ArtProcess.Generator.SKETCHBOOK_PRIOR);
    if (pixels == null) {
      return prior;
    }
    var all = new ArrayList<>(ArtProcesses.runningOn(ArtProcess.Generator.SKETCHBOOK_DIFFUSION));
    all.addAll(prior);
    return List.copyOf(all);
  }

  /** The default art process of this pair. */
  public String defaultProcess() {
    return processes().get(0);
  }

  /** Whether {@code process} runs on the built-in pixel-space diffusion model. */
  boolean pixelDiffusion(String process) {
    return pixels != null && diffusion == null && ArtProcesses.get(process) instanceof DiffusionArtProcess;
  }

  /**
   * The starting latent of a run: the seed's Gaussian static. For the built-in diffusion model it
   * is the image itself (3 x 64 x 64 values) followed by the sampler's memory of its last
   * prediction of the clean image, which starts as the static (it is what the check output sees).
   */
  float[] startingLatent(String process, long seed) {
    if (!pixelDiffusion(process)) {
      return SeedStatic.latent(seed, latentSize());
    }
    int n = pixels.stateSize();
    float[] x = SeedStatic.latent(seed, n);
    float[] z = Arrays.copyOf(x, 2 * n);
    System.arraycopy(x, 0, z, n, n);
    return z;
  }

  /** The starting seed image as people see it: the static the run starts from. */
  BufferedImage startingImage(String process, long seed, int width, int height) {
    return pixelDiffusion(process)
        ? pixels.staticPicture(SeedStatic.latent(seed, pixels.stateSize()))
        : SeedStatic.of(seed, width, height);
  }

  /**
   * The noisy image the built-in diffusion model holds in latent {@code z} (the sampler's x at
   * the current time), beside the clean-image prediction the check output scores, drawn when
   * first asked for (a listener that keeps no snapshot of this step never pays for the decoder);
   * null for other processes, whose current image is the one scored.
   */
  @Nullable Supplier<BufferedImage> noisyImage(String process, float[] z) {
    if (!pixelDiffusion(process)) {
      return null;
    }
    // The state as it is now: the loop moves z on after this step.
    float[] state = Arrays.copyOf(z, pixels.stateSize());
    return new Supplier<>() {
      private @Nullable BufferedImage image;

      @Override
      public synchronized BufferedImage get() {
        if (image == null) {
          image = pixels.picture(state);
        }
        return image;
      }
    };
  }

  /** The images of the current latents, for the check output: (batch, 3, s, s) RGB in [0, 1]. */
  NDArray currentImages(String process, NDManager scope, float[][] z, NDArray condition) {
    if (!pixelDiffusion(process)) {
      return decode(latents(scope, z), condition);
    }
    int n = pixels.stateSize();
    var flat = new float[z.length * n];
    for (int i = 0; i < z.length; i++) {
      System.arraycopy(z[i], n, flat, i * n, n);
    }
    return pixels.images(scope.create(flat, new Shape(z.length, n))).clip(0f, 1f);
  }

  /**
   * One sampler step of the built-in diffusion model for every live item (step is 1-based, as the
   * loop counts): composable guidance over each recipe's terms, then the sampler's update.
   */
  void pixelStep(float[][] z, boolean[] live, List<Recipe> recipes, int step, int steps, double guidance,
      String sampler) {
    pixelStep(z, live, recipes, step, steps, guidance, detailGuidance(guidance), sampler, null);
  }

  /** What changes the guided velocities of the live items before the sampler moves them. */
  interface VelocityNudge {
    /** {@code x[k]} and {@code v[k]} belong to batch item {@code items[k]}, all at time t; change v in place. */
    void nudge(int[] items, float[][] x, float[][] v, double t);
  }

  /**
   * As above, with guidance along the scene code's main directions and {@code detailGuidance} along
   * the rest ({@link SketchbookDiffusion#velocity(float[][], double, List, double, double)}), and the
   * velocities changed by {@code nudge} (null for none) before the sampler's update.
   */
  void pixelStep(float[][] z, boolean[] live, List<Recipe> recipes, int step, int steps, double guidance,
      double detailGuidance, String sampler, VelocityNudge nudge) {
    int n = pixels().stateSize();
    var items = new ArrayList<Integer>();
    for (int i = 0; i < z.length; i++) {
      if (live[i]) {
        items.add(i);
      }
    }
    var x = new float[items.size()][];
    var prompts = new ArrayList<SketchbookDiffusion.Prompt>();
    for (int k = 0; k < items.size(); k++) {
      var recipe = recipes.get(items.get(k));
      x[k] = Arrays.copyOf(z[items.get(k)], n);
      prompts.add(diffusionPrompt(recipe, step, steps));
    }
    double t = DiffusionSampler.time(step - 1, steps);
    float[][] v = pixels().velocity(x, t, prompts, guidance, detailGuidance);
    if (nudge != null) {
      nudge.nudge(items.stream().mapToInt(Integer::intValue).toArray(), x, v, t);
    }
    for (int k = 0; k < items.size(); k++) {
      float[] zi = z[items.get(k)];
      float[] memory = Arrays.copyOfRange(zi, n, 2 * n);
      DiffusionSampler.step(sampler, x[k], v[k], memory, step - 1, steps);
      System.arraycopy(x[k], 0, zi, 0, n);
      System.arraycopy(memory, 0, zi, n, n);
    }
  }

  /**
   * The RGB images in about [0, 1] (unclipped) of the built-in diffusion model's states
   * (clean-image predictions), (b, 3, s, s), differentiable with respect to them.
   */
  NDArray diffusionImages(NDArray states) {
    return pixels().images(states);
  }

  /** The Sketchbook model card (the built-in pair, or the Sketchbook checker of a custom pair). */
  public ModelCard card() {
    return sketchbookModels().card();
  }

  /** Words of {@code texts} the checker's vocabulary does not know (they are ignored). */
  public List<String> unknownWords(List<String> texts) {
    return checker.unknownWords(texts);
  }

  /** Cosine similarity of every image with every term: {@code [image][term]}. */
  public float[][] similarity(List<BufferedImage> images, List<String> terms) {
    return checker.similarity(images, terms);
  }

  /** Unit-length image embeddings (the Sketchbook checker's image encoder alone): for throughput figures. */
  public float[][] embedImages(List<BufferedImage> images) {
    return sketchbookModels().embedImages(images);
  }

  /** FLOPs of the Sketchbook checker's image encoder for one image. */
  public long checkerFlopsPerImage() {
    return sketchbookModels().imageEncoderFlops();
  }

  /** FLOPs of the built-in diffusion model's denoiser for one image (one row of a guided step). */
  public long diffusionFlopsPerImage() {
    return pixels().flopsPerImage();
  }

  /** FLOPs of the Sketchbook generator's decoder for one image. */
  public long generatorFlopsPerImage() {
    return prior().decoderFlops();
  }

  NDManager newScope() {
    return NDManager.newBaseManager(diffusion != null ? diffusion.device() : checker.device());
  }

  NDArray latents(NDManager scope, float[][] z) {
    int size = latentSize();
    var flat = new float[z.length * size];
    for (int i = 0; i < z.length; i++) {
      System.arraycopy(z[i], 0, flat, i * size, size);
    }
    return scope.create(flat, new Shape(z.length, size));
  }

  /** The checker's unit-length text embeddings. */
  NDArray textEmbeddings(NDManager scope, List<String> texts) {
    return checker.textEmbeddings(scope, texts);
  }

  /**
   * What the generator is conditioned on, for texts: the Sketchbook prior reads its own
   * checker's text embeddings (whichever checker scores); a diffusion generator makes its own
   * conditioning ({@link #diffusionCondition}), so this is then the checker's, unused.
   */
  NDArray generatorCondition(NDManager scope, List<String> texts) {
    return prior != null ? sketchbookModels().textEmbeddings(scope, texts) : checker.textEmbeddings(scope, texts);
  }

  /**
   * (batch, 3, size, size) RGB in [0, 1]: the prior's image of z for the condition
   * (differentiable with respect to z), or the diffusion model's VAE image of the latent z.
   */
  NDArray decode(NDArray z, NDArray condition) {
    return diffusion != null ? diffusion.decode(z) : prior().decode(z, condition);
  }

  /**
   * What the Sketchbook diffusion model reads at {@code step} of {@code steps}: the recipe's
   * terms active then, grouped into the parts their prompt text makes (an A1111 {@code AND}
   * part or a Compel prompt is one text with its terms' emphasis and BREAK chunks; a Midjourney
   * term is a part of its own), and the recipe's negative prompt. A recipe whose text no longer
   * gives its terms (an old or edited one) has every term a part of its own.
   */
  static SketchbookDiffusion.Prompt diffusionPrompt(Recipe recipe, int step, int steps) {
    var parsed = recipe.parsedTerms();
    if (parsed.isEmpty()) {
      return SketchbookDiffusion.Prompt.composable(recipe.termTexts(), recipe.termWeightsAt(step, steps),
          recipe.negativePrompt());
    }
    // Parts in the order their first term comes; a term of a part of its own is a part alone.
    var parts = new LinkedHashMap<Integer, List<Term>>();
    int own = 0;
    for (var term : parsed.get()) {
      if (!term.activeAt(step, steps)) {
        continue; // prompt editing: the text of this step has no such term
      }
      int key = term.ownPart() ? -1 - own++ : term.part();
      parts.computeIfAbsent(key, k -> new ArrayList<>()).add(term);
    }
    var out = new ArrayList<SketchbookDiffusion.Part>();
    for (var terms : parts.values()) {
      var first = terms.get(0);
      out.add(new SketchbookDiffusion.Part(terms.stream().map(Term::text).toList(),
          terms.stream().mapToDouble(Term::emphasis).toArray(), terms.stream().mapToInt(Term::chunk).toArray(),
          first.ownPart() ? first.weight() : first.partWeight()));
    }
    return new SketchbookDiffusion.Prompt(out, recipe.negativePrompt());
  }

  /**
   * The diffusion model's conditioning of each recipe's weighted terms at {@code step} of
   * {@code steps}, in {@code scope}: terms prompt editing leaves out of the step weigh 0.
   */
  NDArray diffusionCondition(NDManager scope, List<Recipe> recipes, int step, int steps) {
    return diffusionModel().condition(scope, recipes.stream()
        .map(r -> new DiffusionGenerator.Prompt(r.termTexts(), r.termWeightsAt(step, steps), r.negativePrompt()))
        .toList());
  }

  /** One sampler step of the diffusion model on every live latent. */
  void denoise(NDManager scope, float[][] z, boolean[] live, NDArray condition, int step, int steps, double guidance) {
    diffusionModel().denoise(scope, z, live, condition, step, steps, guidance);
  }

  /** The built-in model's detail guidance for a recipe that does not say (the guidance itself for other models). */
  double detailGuidance(double guidance) {
    return pixels != null ? pixels.detailGuidance(guidance) : guidance;
  }

  double defaultGuidance() {
    if (diffusion != null) {
      return diffusion.guidance();
    }
    return pixels != null ? SketchbookDiffusion.DEFAULT_GUIDANCE : 7.5;
  }

  NDArray imageEmbeddings(NDArray images) {
    return checker.imageEmbeddings(images);
  }

  NDArray imageArray(NDManager scope, List<BufferedImage> images) {
    return checker.imageArray(scope, images);
  }

  List<BufferedImage> images(NDArray batch) {
    return ImageArrays.images(batch);
  }

  private GeneratorPrior prior() {
    if (prior == null) {
      throw new IllegalStateException("model " + modelId + " has no Sketchbook generator prior");
    }
    return prior;
  }

  private SketchbookDiffusion pixels() {
    if (pixels == null) {
      throw new IllegalStateException("model " + modelId + " has no Sketchbook diffusion model");
    }
    return pixels;
  }

  private DiffusionGenerator diffusionModel() {
    if (diffusion == null) {
      throw new IllegalStateException("model " + modelId + " has no diffusion generator");
    }
    return diffusion;
  }

  private SketchbookChecker sketchbookModels() {
    if (sketchbook == null) {
      throw new IllegalStateException("model " + modelId + " has no Sketchbook checker");
    }
    return sketchbook;
  }

  private static Checker sketchbookChecker(SketchbookChecker c) {
    return new SketchbookAdapter(c, ModelRegistry.combinedSha256(c.card().sha256()));
  }

  private static Checker clipChecker(ClipChecker c) {
    return new ClipAdapter(c);
  }

  private record SketchbookAdapter(SketchbookChecker c, String weightsSha256) implements Checker {
    @Override
    public String id() {
      return c.card().name();
    }

    @Override
    public Device device() {
      return c.device();
    }

    @Override
    public List<String> unknownWords(List<String> texts) {
      return c.embedTexts(texts).unknownWords();
    }

    @Override
    public NDArray textEmbeddings(NDManager scope, List<String> texts) {
      return c.textEmbeddings(scope, texts);
    }

    @Override
    public NDArray imageEmbeddings(NDArray images) {
      return c.imageEmbeddings(resized(images, c.card().imageSize()));
    }

    @Override
    public NDArray imageArray(NDManager scope, List<BufferedImage> images) {
      return SketchbookChecker.imageArray(scope, images);
    }

    @Override
    public float[][] similarity(List<BufferedImage> images, List<String> terms) {
      return c.similarity(images, terms);
    }
  }

  private record ClipAdapter(ClipChecker c) implements Checker {
    @Override
    public String id() {
      return c.id();
    }

    @Override
    public String weightsSha256() {
      return c.weightsSha256();
    }

    @Override
    public Device device() {
      return c.device();
    }

    /** A byte-pair tokenizer spells any word: nothing is unknown to it. */
    @Override
    public List<String> unknownWords(List<String> texts) {
      return List.of();
    }

    @Override
    public NDArray textEmbeddings(NDManager scope, List<String> texts) {
      return c.textEmbeddings(scope, texts);
    }

    @Override
    public NDArray imageEmbeddings(NDArray images) {
      return c.imageEmbeddings(images);
    }

    @Override
    public NDArray imageArray(NDManager scope, List<BufferedImage> images) {
      return c.imageArray(scope, images);
    }

    @Override
    public float[][] similarity(List<BufferedImage> images, List<String> terms) {
      return c.similarity(images, terms);
    }
  }

  /** A diffusion model's images scaled (bilinear, on the engine) to what the Sketchbook checker reads. */
  private static NDArray resized(NDArray images, int size) {
    if (images.getShape().get(2) == size && images.getShape().get(3) == size) {
      return images;
    }
    return NDImageUtils.resize(images.transpose(0, 2, 3, 1), size, size).transpose(0, 3, 1, 2);
  }

  @Override
  public void close() {
    if (!ownsModels) {
      return;
    }
    if (prior != null) {
      prior.close();
    }
    if (pixels != null) {
      pixels.close();
    }
    if (sketchbook != null) {
      sketchbook.close();
    }
  }
}
