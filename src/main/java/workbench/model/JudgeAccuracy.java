package workbench.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-head accuracy of judge logits against render labels. "object" is the kind read at the
 * slots that hold something and "empty" the "nothing" read at the slots that do not, so a judge
 * that saw nothing anywhere could not score well; "fingers" counts hands only.
 */
final class JudgeAccuracy {

  static final String[] HEADS = {"object", "empty", "colour", "size", "count", "fingers", "background", "style"};

  private final Map<String, int[]> tally = new LinkedHashMap<>();

  JudgeAccuracy() {
    for (String head : HEADS) {
      tally.put(head, new int[2]);
    }
  }

  void add(float[] logits, int[] labels, int rows) {
    for (int row = 0; row < rows; row++) {
      for (int index = 0; index < JudgeLabels.COUNT; index++) {
        int label = labels[row * JudgeLabels.COUNT + index];
        if (label == JudgeLabels.NONE) {
          continue;
        }
        String head = JudgeLabels.head(index);
        if (head.equals("kind")) {
          head = label == JudgeNetwork.NOTHING ? "empty" : "object";
        }
        int[] t = tally.get(head);
        t[1]++;
        if (JudgeLabels.argMax(logits, row, index) == label) {
          t[0]++;
        }
      }
    }
  }

  /** Accuracy per head; a head with nothing to count (no hands yet) is left out. */
  Map<String, Double> perHead() {
    var out = new LinkedHashMap<String, Double>();
    tally.forEach((head, t) -> {
      if (t[1] > 0) {
        out.put(head, (double) t[0] / t[1]);
      }
    });
    return out;
  }

  /** The mean of the heads' accuracies: training's one-number progress. */
  double mean() {
    return perHead().values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  /** The weakest head's accuracy: what a "≥ 0.95 on every head" bar is about. */
  double min() {
    return perHead().values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
  }
}
