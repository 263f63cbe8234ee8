package workbench.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * A network the diffusion sampler runs: inputs are the noisy state, time features
 * ({@link DiffusionNetwork#timeShape}) and condition rows; output is the velocity, shaped as the state.
 */
interface Denoiser extends Block {

  /** The noisy state: pixels, the autoencoder's latents, or a scene code. */
  Shape inputShape(int batch);

  Shape textShape(int batch);

  /**
   * Rows of every forward pass when sampling (the last pass padded): PyTorch's CPU kernels round
   * differently for different batch sizes but never by a row's place in a batch of one size, so
   * a fixed pass keeps a grid cell's bytes those it gets alone. The network's cost says how many.
   */
  int rowsPerPass();

  /** FLOPs of one forward pass for one state (2 x multiply-adds). */
  long flopsPerImage(NDManager manager);
}
