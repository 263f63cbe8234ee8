package workbench.model;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import workbench.sketchbook.ObjectKind;
import workbench.sketchbook.Scene;
import workbench.sketchbook.SceneObject;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Split;
import workbench.sketchbook.Style;

/**
 * The judge's accuracy per head on held-out renders (the first N seeds of the held-out split,
 * so runs are comparable), for the model card's "judge" metrics. Hands' fingers are also
 * broken down by style and size: where the renderer draws fingers too fine to see, the number
 * says so instead of hiding in the mean.
 */
public final class JudgeEvaluation {

  private static final int BATCH = 256;

  private JudgeEvaluation() {}

  /**
   * @param perHead accuracy per head ({@link JudgeAccuracy#HEADS})
   * @param allRight the fraction of scenes where every head of every slot is right
   * @param hands hand groups among the scenes (what the fingers figure rests on)
   * @param fingersBy fingers accuracy on hands per "style/size"
   */
  public record Report(int scenes, Map<String, Double> perHead, double allRight, int hands,
      Map<String, Double> fingersBy, double seconds) {

    public Map<String, Object> metrics() {
      var m = new LinkedHashMap<String, Object>();
      m.put("scenes", scenes);
      m.put("split", "held_out");
      perHead.forEach((k, v) -> m.put(k, round(v)));
      m.put("all", round(allRight));
      m.put("hands", hands);
      var by = new LinkedHashMap<String, Object>();
      fingersBy.forEach((k, v) -> by.put(k, round(v)));
      m.put("fingers_by_style_size", by);
      m.put("seconds", Math.round(seconds * 10) / 10.0);
      return m;
    }

    private static double round(double v) {
      return Math.round(v * 10_000) / 10_000.0;
    }
  }

  public static Report heldOut(SketchbookJudge judge, int sceneCount) {
    long start = System.nanoTime();
    var accuracy = new JudgeAccuracy();
    int allRight = 0;
    Map<String, int[]> fingers = new LinkedHashMap<>();
    for (Style style : Style.values()) {
      fingers.put(style.name().toLowerCase() + "/small", new int[2]);
      fingers.put(style.name().toLowerCase() + "/big", new int[2]);
    }
    for (int from = 0; from < sceneCount; from += BATCH) {
      List<Scene> scenes = new ArrayList<>();
      List<BufferedImage> images = new ArrayList<>();
      for (int i = from; i < Math.min(sceneCount, from + BATCH); i++) {
        Scene scene = Sketchbook.scene(Split.HELD_OUT.seed(i));
        scenes.add(scene);
        images.add(Sketchbook.render(scene));
      }
      float[] logits = judge.logits(images);
      int[] labels = new int[scenes.size() * JudgeLabels.COUNT];
      for (int i = 0; i < scenes.size(); i++) {
        System.arraycopy(JudgeLabels.of(scenes.get(i)), 0, labels, i * JudgeLabels.COUNT, JudgeLabels.COUNT);
      }
      accuracy.add(logits, labels, scenes.size());
      List<JudgeReading> readings = judge.read(images);
      for (int i = 0; i < scenes.size(); i++) {
        Scene scene = scenes.get(i);
        if (sameAnswers(readings.get(i), JudgeReading.of(scene))) {
          allRight++;
        }
        for (SceneObject o : scene.objects()) {
          if (o.kind() == ObjectKind.HAND) {
            int[] t = fingers.get(scene.style().name().toLowerCase() + "/" + o.size().word());
            t[1]++;
            // The fingers head alone, at the hand's own slot, as in the per-head figure.
            int index = o.position().ordinal() * JudgeLabels.PER_SLOT + JudgeLabels.Head.FINGERS.ordinal();
            if (JudgeLabels.argMax(logits, i, index) == o.fingers() - 3) {
              t[0]++;
            }
          }
        }
      }
    }
    var by = new LinkedHashMap<String, Double>();
    int hands = fingers.values().stream().mapToInt(t -> t[1]).sum();
    fingers.forEach((k, t) -> {
      if (t[1] > 0) {
        by.put(k, (double) t[0] / t[1]);
      }
    });
    return new Report(sceneCount, accuracy.perHead(), (double) allRight / sceneCount, hands, by,
        (System.nanoTime() - start) / 1e9);
  }

  /** The same categorical answers, confidences aside. */
  private static boolean sameAnswers(JudgeReading a, JudgeReading b) {
    if (a.background() != b.background() || a.style() != b.style() || a.objects().size() != b.objects().size()) {
      return false;
    }
    for (int i = 0; i < a.objects().size(); i++) {
      if (!a.objects().get(i).asSceneObject().equals(b.objects().get(i).asSceneObject())) {
        return false;
      }
    }
    return true;
  }
}
