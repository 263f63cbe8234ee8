package workbench.model;

import static workbench.model.JudgeNetwork.BACKGROUND_AT;
import static workbench.model.JudgeNetwork.COLOUR_AT;
import static workbench.model.JudgeNetwork.COUNT_AT;
import static workbench.model.JudgeNetwork.FINGERS_AT;
import static workbench.model.JudgeNetwork.KIND_AT;
import static workbench.model.JudgeNetwork.SIZE_AT;
import static workbench.model.JudgeNetwork.SLOT;
import static workbench.model.JudgeNetwork.SLOTS;
import static workbench.model.JudgeNetwork.STYLE_AT;

import workbench.sketchbook.ObjectKind;
import workbench.sketchbook.Scene;
import workbench.sketchbook.SceneObject;

/**
 * What the judge should read from a render: for each head, the class the scene's truth makes
 * right, or {@link #NONE} where the head does not count (a slot's colour when the slot is
 * empty, fingers of anything but a hand). The same numbering as {@link JudgeNetwork}'s logits.
 */
final class JudgeLabels {

  /** The heads, in label order: per slot, then scene. */
  enum Head {
    KIND(KIND_AT), COLOUR(COLOUR_AT), SIZE(SIZE_AT), COUNT(COUNT_AT), FINGERS(FINGERS_AT);

    final int offset;

    Head(int offset) {
      this.offset = offset;
    }
  }

  static final int NONE = -1;
  static final int PER_SLOT = Head.values().length;
  /** Labels per scene: five per slot, then background and style. */
  static final int COUNT = SLOTS * PER_SLOT + 2;
  static final int BACKGROUND = SLOTS * PER_SLOT;
  static final int STYLE = BACKGROUND + 1;

  private JudgeLabels() {}

  static int[] of(Scene scene) {
    int[] labels = new int[COUNT];
    for (int slot = 0; slot < SLOTS; slot++) {
      labels[slot * PER_SLOT + Head.KIND.ordinal()] = JudgeNetwork.NOTHING;
      for (int h = 1; h < PER_SLOT; h++) {
        labels[slot * PER_SLOT + h] = NONE;
      }
    }
    for (SceneObject o : scene.objects()) {
      int at = o.position().ordinal() * PER_SLOT;
      labels[at + Head.KIND.ordinal()] = o.kind().ordinal();
      labels[at + Head.COLOUR.ordinal()] = o.colour().ordinal();
      labels[at + Head.SIZE.ordinal()] = o.size().ordinal();
      labels[at + Head.COUNT.ordinal()] = o.count() - 1;
      // Fingers count for hands only: with every object's "not a hand" in its mean, the
      // fingers head learnt that and read real fingers at chance.
      labels[at + Head.FINGERS.ordinal()] = o.kind() == ObjectKind.HAND ? o.fingers() - 3 : NONE;
    }
    labels[BACKGROUND] = scene.background().ordinal();
    labels[STYLE] = scene.style().ordinal();
    return labels;
  }

  /** Where label {@code index}'s class 0 sits among the logits. */
  static int logitOffset(int index) {
    if (index == BACKGROUND) {
      return BACKGROUND_AT;
    }
    if (index == STYLE) {
      return STYLE_AT;
    }
    return index / PER_SLOT * SLOT + Head.values()[index % PER_SLOT].offset;
  }

  /** How many classes label {@code index} chooses among. */
  static int classes(int index) {
    if (index == BACKGROUND) {
      return JudgeNetwork.BACKGROUNDS;
    }
    if (index == STYLE) {
      return JudgeNetwork.STYLES;
    }
    return switch (Head.values()[index % PER_SLOT]) {
      case KIND -> JudgeNetwork.KINDS;
      case COLOUR -> JudgeNetwork.COLOURS;
      case SIZE -> JudgeNetwork.SIZES;
      case COUNT -> JudgeNetwork.COUNTS;
      case FINGERS -> JudgeNetwork.FINGERS;
    };
  }

  /** The name of the head label {@code index} belongs to: kind, colour, …, background, style. */
  static String head(int index) {
    if (index == BACKGROUND) {
      return "background";
    }
    if (index == STYLE) {
      return "style";
    }
    return Head.values()[index % PER_SLOT].name().toLowerCase();
  }

  /** The class with the highest logit for label {@code index}. */
  static int argMax(float[] logits, int row, int index) {
    int from = row * JudgeNetwork.OUTPUTS + logitOffset(index);
    int best = 0;
    for (int c = 1; c < classes(index); c++) {
      if (logits[from + c] > logits[from + best]) {
        best = c;
      }
    }
    return best;
  }
}
