package workbench.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import workbench.sketchbook.ObjectKind;
import workbench.sketchbook.Scene;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Split;

/**
 * One training batch for the judge, as plain arrays made on a helper thread: renders, their
 * labels ({@link JudgeLabels}), and the one-hot targets scaled so that each head's loss is its
 * mean over the rows where it counts.
 */
record JudgeExamples(int size, float[] images, int[] labels, float[] targets) {

  /** Seeds searched for a scene with a hand (about one in fifteen has one). */
  private static final int HAND_SEARCH = 64;

  /**
   * Batch {@code step} of a run: a fixed function of (seed, step), in a stretch of the train
   * split of its own. The first {@code handShare} of the batch are scenes with a hand: hands are
   * one object in seventeen, and fingers are the finest thing the judge must read.
   */
  static JudgeExamples batch(long runSeed, long step, int size, double handShare) {
    long span = Split.TRAIN.endSeed() - Split.TRAIN.firstSeed();
    // The checker starts near 0 and the generator at span/2; the judge reads from 3/4 on,
    // and its extra hands from 7/8 on.
    long first = 3 * span / 4 + runSeed * 7_919L * 1_000_000L;
    long handsFirst = 7 * span / 8 + runSeed * 7_919L * 1_000_000L;
    int hands = (int) Math.round(handShare * size);
    List<Scene> scenes = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (i < hands) {
        // Each hand comes from a block of seeds of its own: the first scene there with a hand.
        long block = handsFirst + (step * hands + i) * HAND_SEARCH;
        Scene scene = null;
        for (int j = 0; j < HAND_SEARCH && (scene == null || !scene.has(ObjectKind.HAND)); j++) {
          scene = Sketchbook.scene(Split.TRAIN.seed(Math.floorMod(block + j, span)));
        }
        scenes.add(scene);
      } else {
        scenes.add(Sketchbook.scene(Split.TRAIN.seed(Math.floorMod(first + step * size + i, span))));
      }
    }
    return of(scenes);
  }

  static JudgeExamples of(List<Scene> scenes) {
    int size = scenes.size();
    int pixels = 3 * Sketchbook.IMAGE_SIZE * Sketchbook.IMAGE_SIZE;
    float[] images = new float[size * pixels];
    int[] labels = new int[size * JudgeLabels.COUNT];
    for (int i = 0; i < size; i++) {
      System.arraycopy(Sketchbook.pixels(Sketchbook.render(scenes.get(i))), 0, images, i * pixels, pixels);
      System.arraycopy(JudgeLabels.of(scenes.get(i)), 0, labels, i * JudgeLabels.COUNT, JudgeLabels.COUNT);
    }
    return new JudgeExamples(size, images, labels, targets(size, labels));
  }

  /**
   * One-hot targets in the logit layout, each divided by how many of the batch's labels its
   * head (kind, colour, …, style, over all slots) has: the loss is the sum of the heads' means.
   */
  private static float[] targets(int size, int[] labels) {
    var counts = new HashMap<String, Integer>();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != JudgeLabels.NONE) {
        counts.merge(JudgeLabels.head(i % JudgeLabels.COUNT), 1, Integer::sum);
      }
    }
    float[] targets = new float[size * JudgeNetwork.OUTPUTS];
    for (int row = 0; row < size; row++) {
      for (int index = 0; index < JudgeLabels.COUNT; index++) {
        int label = labels[row * JudgeLabels.COUNT + index];
        if (label != JudgeLabels.NONE) {
          targets[row * JudgeNetwork.OUTPUTS + JudgeLabels.logitOffset(index) + label] =
              1f / counts.get(JudgeLabels.head(index));
        }
      }
    }
    return targets;
  }
}
