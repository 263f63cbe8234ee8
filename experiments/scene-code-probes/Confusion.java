package workbench.loop;

import java.awt.image.BufferedImage;
import java.util.*;
import workbench.model.*;
import workbench.sketchbook.ObjectKind;

/**
 * What the judge sees where a caption's kind is missed in the default sampler's images: for each
 * claimed kind, the kinds read instead (eval's 400 held-out images, 25 steps). Throw-away probe.
 */
public class Confusion {
  public static void main(String[] a) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    int captions = a.length > 0 ? Integer.parseInt(a[0]) : 200;
    var set = HeldOutPrompts.first(captions, 2);
    try (var models = LoopModels.sketchbook(); var judge = SketchbookJudge.load()) {
      List<BufferedImage> images = ImageEvaluation.images(models, "diffusion", RecipeFactory.DEFAULT_STEPS, set);
      List<JudgeReading> readings = new ArrayList<>();
      for (int f = 0; f < images.size(); f += 64) readings.addAll(judge.read(images.subList(f, Math.min(images.size(), f + 64))));
      var asked = new TreeMap<ObjectKind, int[]>();
      var instead = new TreeMap<ObjectKind, TreeMap<String, Integer>>();
      for (int i = 0; i < set.size(); i++) {
        var r = readings.get(i);
        for (var claim : set.get(i).description().objects()) {
          int[] t = asked.computeIfAbsent(claim.kind(), k -> new int[2]);
          t[1]++;
          if (r.objects().stream().anyMatch(o -> o.kind() == claim.kind())) {
            t[0]++;
          } else {
            var row = instead.computeIfAbsent(claim.kind(), k -> new TreeMap<>());
            if (r.objects().isEmpty()) row.merge("nothing", 1, Integer::sum);
            r.objects().stream().map(o -> o.kind().name().toLowerCase()).distinct().forEach(k -> row.merge(k, 1, Integer::sum));
          }
        }
      }
      asked.forEach((k, t) -> System.out.printf("%s seen %d/%d; missed, read instead: %s%n",
          k.name().toLowerCase(), t[0], t[1], instead.getOrDefault(k, new TreeMap<>())));
    }
  }
}
