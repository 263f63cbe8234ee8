package workbench.loop;

import java.awt.image.BufferedImage;
import java.util.*;
import workbench.model.*;
import workbench.sketchbook.Attribute;

/** Does the checker's pick among K seeds raise the judge's reading? (throw-away) */
public class BestOf {
  public static void main(String[] a) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    int captions = Integer.parseInt(a[0]);
    int k = Integer.parseInt(a[1]);
    var set = HeldOutPrompts.first(captions, k);
    try (var models = LoopModels.sketchbook(); var judge = SketchbookJudge.load()) {
      long t0 = System.nanoTime();
      List<BufferedImage> images = ImageEvaluation.images(models, "diffusion", RecipeFactory.DEFAULT_STEPS, set);
      System.out.printf("sampled %d in %.0f s%n", images.size(), (System.nanoTime() - t0) / 1e9);
      List<JudgeReading> readings = new ArrayList<>();
      for (int f = 0; f < images.size(); f += 64) readings.addAll(judge.read(images.subList(f, Math.min(images.size(), f + 64))));
      float[] score = new float[images.size()];
      for (int c = 0; c < captions; c++) {
        float[][] s = models.similarity(images.subList(c * k, c * k + k), List.of(set.get(c * k).caption()));
        for (int j = 0; j < k; j++) score[c * k + j] = s[j][0];
      }
      for (int pool = 1; pool <= k; pool *= 2) {
        double[] ok = new double[5];
        int oracle = 0;
        for (int c = 0; c < captions; c++) {
          int best = c * k;
          boolean any = false;
          for (int j = 0; j < pool; j++) {
            if (score[c * k + j] > score[best]) best = c * k + j;
            any |= SketchbookJudge.meets(readings.get(c * k + j), set.get(c * k).description(), Attribute.OBJECT);
          }
          oracle += any ? 1 : 0;
          var d = set.get(c * k).description();
          var r = readings.get(best);
          ok[0] += SketchbookJudge.meets(r, d, Attribute.OBJECT) ? 1 : 0;
          ok[1] += SketchbookJudge.meets(r, d, Attribute.COLOUR) ? 1 : 0;
          ok[2] += SketchbookJudge.meets(r, d, Attribute.POSITION) ? 1 : 0;
          ok[3] += SketchbookJudge.meets(r, d, Attribute.COUNT) ? 1 : 0;
          ok[4] += SketchbookJudge.meets(r, d) ? 1 : 0;
        }
        System.out.printf("best of %d by checker: object %.3f colour* %.3f position* %.3f count %.3f all %.3f | oracle object %.3f%n",
            pool, ok[0] / captions, ok[1] / captions, ok[2] / captions, ok[3] / captions, ok[4] / captions, oracle / (double) captions);
      }
    }
  }
}
