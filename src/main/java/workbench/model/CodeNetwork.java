package workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.IOException;

/**
 * A whole scene in {@link #CODE} numbers: the {@link AutoencoderNetwork}'s 16x16 latent of a
 * render folded into one short code and unfolded again. The diffusion prior ({@link PriorNetwork})
 * samples this code; the latent decoder then draws it.
 *
 * <p>Why a second stage: a Sketchbook scene is a few choices (style, background, one or two
 * objects with their kind, colour, size, place, count and fingers), so a code of a few hundred
 * numbers (a quarter of the latent's) holds it, and a denoiser over such a code learns which
 * caption goes with which scene in minutes on a CPU, where one over the 16x16 latent had, after
 * an hour, only learnt backgrounds. The code is bounded by tanh and trained with static added
 * (as the latent is), so codes near a scene's decode to that scene. This is DALL-E 2's split in
 * miniature: a prior over a compact image code, and a decoder.
 *
 * <p>Inputs of {@link #forwardInternal}: latents (b, latent, 16, 16); output: their reconstruction.
 */
final class CodeNetwork extends OwnParametersBlock {

  /**
   * 256 rather than the 64 it shipped with first: at 64 the code kept where things are and how
   * big (probes 0.94-0.99) but only 0.38 of what they are; the judge read the object of held-out
   * renders drawn back from it 0.37 of the time, from 256 numbers 0.48, and with a prior trained
   * three times as long the samples' objects 0.30 instead of 0.20 (experiments/scene-code-probes,
   * try f).
   */
  static final int CODE = 256;
  static final float CODE_NOISE = 0.1f;
  static final int WIDTH = 96;
  private static final int GRID = AutoencoderNetwork.CELLS / 2;
  private static final int CORNER = GRID / 2;

  /** Numbers per cell of the autoencoder's latent this code folds. */
  final int latent;
  /** Channels of the latent folded 2x2 into an 8x8 grid: convolutions at 16x16 were most of the time. */
  private final int folded;

  CodeNetwork() {
    this(AutoencoderNetwork.LATENT);
  }

  /** A code of an autoencoder with {@code latent} numbers a cell. */
  CodeNetwork(int latent) {
    this.latent = latent;
    this.folded = latent * 4;
    convParameters("enc.in", folded, WIDTH, 3, false);
    residualParameters("enc.r0", WIDTH);
    residualParameters("enc.r1", WIDTH);
    convParameters("enc.down", WIDTH, WIDTH, 3, false);
    normParameters("enc.norm", WIDTH);
    linearParameters("enc.out", WIDTH * CORNER * CORNER, CODE, false);
    linearParameters("dec.in", CODE, WIDTH * CORNER * CORNER, false);
    residualParameters("dec.r0", WIDTH);
    convParameters("dec.up", WIDTH, WIDTH, 3, false);
    residualParameters("dec.r1", WIDTH);
    residualParameters("dec.r2", WIDTH);
    normParameters("dec.norm", WIDTH);
    convParameters("dec.out", WIDTH, folded, 3, false);
  }

  Shape latentShape(int batch) {
    return new Shape(batch, latent, AutoencoderNetwork.CELLS, AutoencoderNetwork.CELLS);
  }

  /** The latent channels of the code whose weights these are (its first convolution reads them folded 2x2). */
  static int channelsOf(byte[] weights) throws IOException {
    long[] shape = HalfWeights.shapes(weights).get("enc.in.weight");
    if (shape == null || shape.length != 4 || shape[1] % 4 != 0) {
      throw new IOException("not a scene code's weights: no enc.in.weight over a 2x2-folded latent");
    }
    return Math.toIntExact(shape[1] / 4);
  }

  static Shape codeShape(int batch) {
    return new Shape(batch, CODE);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> unused) {
    NDArray z = encode(store, inputs.get(0), training);
    if (training) {
      z = z.add(z.getManager().randomNormal(z.getShape()).mul(CODE_NOISE));
    }
    return new NDList(decode(store, z, training));
  }

  /** Latents (b, latent, 16, 16) to codes (b, CODE) in [-1, 1]. */
  NDArray encode(ParameterStore store, NDArray latents, boolean training) {
    var f = new Pass(store, latents.getDevice(), training);
    long b = latents.getShape().get(0);
    NDArray h = f.conv("enc.in", fold(latents), 1);
    h = f.residual("enc.r0", h);
    h = f.residual("enc.r1", h);
    h = f.conv("enc.down", h, 2);
    h = DiffusionNetwork.silu(f.groupNorm("enc.norm", h)).reshape(b, -1);
    return f.linear("enc.out", h).tanh();
  }

  /** Codes (b, CODE) to latents (b, latent, 16, 16) in [-1, 1]. */
  NDArray decode(ParameterStore store, NDArray code, boolean training) {
    var f = new Pass(store, code.getDevice(), training);
    long b = code.getShape().get(0);
    NDArray h = f.linear("dec.in", code).reshape(b, WIDTH, CORNER, CORNER);
    h = f.residual("dec.r0", h);
    h = f.conv("dec.up", h.repeat(2, 2).repeat(3, 2), 1);
    h = f.residual("dec.r1", h);
    h = f.residual("dec.r2", h);
    return unfold(f.conv("dec.out", DiffusionNetwork.silu(f.groupNorm("dec.norm", h)), 1)).tanh();
  }

  /** (b, latent, 16, 16) to (b, 4 latent, 8, 8): each 2x2 block of cells into channels. */
  private NDArray fold(NDArray x) {
    long b = x.getShape().get(0);
    return x.reshape(b, latent, GRID, 2, GRID, 2).transpose(0, 1, 3, 5, 2, 4).reshape(b, folded, GRID, GRID);
  }

  /** The inverse of {@link #fold}. */
  private NDArray unfold(NDArray x) {
    long b = x.getShape().get(0);
    return x.reshape(b, latent, 2, 2, GRID, GRID).transpose(0, 1, 4, 2, 5, 3).reshape(b, latent, 2 * GRID, 2 * GRID);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
