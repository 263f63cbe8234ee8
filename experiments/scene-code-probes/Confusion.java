package workbench.loop;

import java.awt.image.BufferedImage;
import java.util.*;
import workbench.model.*;

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
      // The seen half is eval's own tally; only the misses are this probe's.
      var seen = ImageEvaluation.objectByKind(set, readings);
      var instead = new TreeMap<String, TreeMap<String, Integer>>();
      for (int i = 0; i < set.size(); i++) {
        var r = readings.get(i);
        for (var claim : set.get(i).description().objects()) {
          if (r.objects().stream().noneMatch(o -> o.kind() == claim.kind())) {
            var row = instead.computeIfAbsent(claim.kind().name().toLowerCase(), k -> new TreeMap<>());
            if (r.objects().isEmpty()) row.merge("nothing", 1, Integer::sum);
            r.objects().stream().map(o -> o.kind().name().toLowerCase()).distinct().forEach(k -> row.merge(k, 1, Integer::sum));
          }
        }
      }
      seen.forEach((kind, entry) -> System.out.printf("%s seen %s; missed, read instead: %s%n",
          kind, entry, instead.getOrDefault(kind, new TreeMap<>())));
    }
  }
}
