package workbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import workbench.sketchbook.Background;
import workbench.sketchbook.Colour;
import workbench.sketchbook.ObjectKind;
import workbench.sketchbook.Position;
import workbench.sketchbook.Size;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Style;

/**
 * The judge's classifier: a CNN over 64×64 renders whose logits are read per position slot
 * (what is at the left, right, top, bottom, centre) plus the scene's background and style.
 *
 * <p>Logit layout, per slot {@link #SLOT} values in slot order ({@link Position#ordinal()}):
 * kind (17 kinds, then "nothing"), colour (10), size (2), count (1–3), fingers (3–6, then "not a
 * hand", which is never a target: the kind head says what is a hand, and the fingers loss
 * counts hands only); after the slots, background (5) and style (6). No pixel is pooled away before the
 * first convolution, because a small hand's fingers are a pixel wide.
 */
final class JudgeNetwork extends AbstractBlock {

  static final int KINDS = ObjectKind.values().length + 1;
  static final int NOTHING = KINDS - 1;
  static final int COLOURS = Colour.values().length;
  static final int SIZES = Size.values().length;
  static final int COUNTS = 3;
  /** Fingers 3, 4, 5, 6, then "not a hand". */
  static final int FINGERS = 5;
  static final int NOT_A_HAND = FINGERS - 1;
  static final int SLOTS = Position.values().length;
  static final int BACKGROUNDS = Background.values().length;
  static final int STYLES = Style.values().length;

  /** Offsets of the heads inside a slot. */
  static final int KIND_AT = 0;
  static final int COLOUR_AT = KIND_AT + KINDS;
  static final int SIZE_AT = COLOUR_AT + COLOURS;
  static final int COUNT_AT = SIZE_AT + SIZES;
  static final int FINGERS_AT = COUNT_AT + COUNTS;
  static final int SLOT = FINGERS_AT + FINGERS;
  static final int BACKGROUND_AT = SLOTS * SLOT;
  static final int STYLE_AT = BACKGROUND_AT + BACKGROUNDS;
  static final int OUTPUTS = STYLE_AT + STYLES;

  /** The width of the penultimate layer: the judge's features for a Fréchet distance. */
  static final int FEATURES = 256;
  static final int[] CHANNELS = {32, 64, 128};
  /** The side of the last feature map (64 / 8) and its locations. */
  private static final int GRID = 8;
  private static final int SLOT_HIDDEN = 256;

  private final SequentialBlock trunk;
  private final SequentialBlock features;
  private final Parameter slotAttention;
  private final SequentialBlock slotHead;
  private final Linear sceneHead;

  JudgeNetwork() {
    super((byte) 1);
    trunk = addChildBlock("trunk", trunk());
    features = addChildBlock("features", new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(FEATURES).build())
        .add(Activation.reluBlock()));
    slotAttention = addParameter(Parameter.builder().setName("slotAttention").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(SLOTS, GRID * GRID)).build());
    slotHead = addChildBlock("slotHead", new SequentialBlock()
        .add(Linear.builder().setUnits(SLOT_HIDDEN).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(SLOT).build()));
    sceneHead = addChildBlock("sceneHead", Linear.builder().setUnits(BACKGROUNDS + STYLES).build());
  }

  static Shape imageShape(int batch) {
    return new Shape(batch, 3, Sketchbook.IMAGE_SIZE, Sketchbook.IMAGE_SIZE);
  }

  private static SequentialBlock trunk() {
    var block = new SequentialBlock();
    // Space to depth first: each 2×2 pixel block becomes 12 channels at 32×32. Nothing is lost
    // (a small hand's fingers are a pixel wide), at a quarter of a full-resolution layer's
    // cost. Then 32×32 → 16×16 → 8×8.
    block.add(new LambdaBlock(x -> new NDList(spaceToDepth(x.singletonOrThrow())), "spaceToDepth"));
    conv(block, CHANNELS[0], 1);
    conv(block, CHANNELS[1], 2);
    conv(block, CHANNELS[2], 2);
    conv(block, CHANNELS[2], 1);
    return block;
  }

  /** (n, 3, 64, 64) → (n, 12, 32, 32): channel c·4 + 2·dy + dx holds pixel (2y + dy, 2x + dx). */
  static NDArray spaceToDepth(NDArray images) {
    long n = images.getShape().get(0);
    int half = Sketchbook.IMAGE_SIZE / 2;
    return images.reshape(n, 3, half, 2, half, 2).transpose(0, 1, 3, 5, 2, 4).reshape(n, 12, half, half);
  }

  private static void conv(SequentialBlock block, int filters, int stride) {
    block.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
            .optStride(new Shape(stride, stride)).setFilters(filters).build())
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock());
  }

  /**
   * Log-probabilities of every head, in the logit layout: a softmax per head, never across
   * heads.
   */
  static NDArray logProbabilities(NDArray logits) {
    long b = logits.getShape().get(0);
    NDArray slots = logits.get(":, 0:" + BACKGROUND_AT).reshape(b, SLOTS, SLOT);
    var perSlot = new NDList();
    for (int[] head : new int[][] {{KIND_AT, KINDS}, {COLOUR_AT, COLOURS}, {SIZE_AT, SIZES},
        {COUNT_AT, COUNTS}, {FINGERS_AT, FINGERS}}) {
      perSlot.add(slots.get(":, :, " + head[0] + ":" + (head[0] + head[1])).logSoftmax(2));
    }
    NDArray slotPart = NDArrays.concat(perSlot, 2).reshape(b, BACKGROUND_AT);
    NDArray background = logits.get(":, " + BACKGROUND_AT + ":" + STYLE_AT).logSoftmax(1);
    NDArray style = logits.get(":, " + STYLE_AT + ":" + OUTPUTS).logSoftmax(1);
    return NDArrays.concat(new NDList(slotPart, background, style), 1);
  }

  /**
   * Returns (logits, features). Each slot reads the feature map through an attention map of
   * its own (where that position's objects are drawn) and one head shared by all slots, so what
   * a kind looks like is learnt once, not once per position; the flattened features, which
   * know where everything is, go to every slot too (counts and sizes are about extent).
   */
  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray map = trunk.forward(store, inputs, training, params).singletonOrThrow();
    long b = map.getShape().get(0);
    long channels = map.getShape().get(1);
    NDArray f = features.forward(store, new NDList(map), training, params).singletonOrThrow();
    NDArray where = store.getValue(slotAttention, map.getDevice(), training).softmax(1);
    NDArray locations = map.reshape(b, channels, GRID * GRID);
    NDArray pooled = locations.matMul(where.transpose()).transpose(0, 2, 1); // (b, slots, channels)
    NDArray slotIds = map.getManager().eye(SLOTS).expandDims(0).broadcast(b, SLOTS, SLOTS);
    NDArray slotInput = NDArrays.concat(new NDList(
        pooled, f.expandDims(1).broadcast(b, SLOTS, FEATURES), slotIds), 2)
        .reshape(b * SLOTS, channels + FEATURES + SLOTS);
    NDArray slots = slotHead.forward(store, new NDList(slotInput), training, params).singletonOrThrow()
        .reshape(b, SLOTS * SLOT);
    NDArray global = locations.max(new int[] {2});
    NDArray scene = sceneHead.forward(store, new NDList(global.concat(f, 1)), training, params).singletonOrThrow();
    return new NDList(slots.concat(scene, 1), f);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    return new Shape[] {new Shape(b, OUTPUTS), new Shape(b, FEATURES)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long b = inputShapes[0].get(0);
    int channels = CHANNELS[CHANNELS.length - 1];
    trunk.initialize(manager, dataType, inputShapes[0]);
    features.initialize(manager, dataType, new Shape(b, channels, GRID, GRID));
    slotHead.initialize(manager, dataType, new Shape(b * SLOTS, channels + FEATURES + SLOTS));
    sceneHead.initialize(manager, dataType, new Shape(b, channels + FEATURES));
  }
}
