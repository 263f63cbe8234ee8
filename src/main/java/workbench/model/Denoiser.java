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

  /** FLOPs of one forward pass for one state (2 x multiply-adds). */
  long flopsPerImage(NDManager manager);
}
