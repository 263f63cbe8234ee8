package workbench.model;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import workbench.sketchbook.Attribute;
import workbench.sketchbook.Caption;
import workbench.sketchbook.CaptionGrammar;
import workbench.sketchbook.Scene;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Split;

/**
 * Held-out metrics of the checker and generator. Scenes are the first N seeds of the held-out
 * split; captions and distractors are fixed functions of the seeds, so runs are comparable.
 */
public final class Evaluation {

  /** Each image competes its caption against this many captions that are false for it. */
  public static final int DISTRACTORS = 32;
  private static final long SALT = 0x5EEDL;
  private static final int BATCH = 128;

  private Evaluation() {}

  public record Report(int scenes, double retrievalTop1, double attributeSwap,
      Map<String, Double> perAttribute, @Nullable Double conditionalTop1, int generatorScenes, double seconds) {

    public Map<String, Object> metrics() {
      var m = new LinkedHashMap<String, Object>();
      m.put("scenes", scenes);
      m.put("retrieval_top1", round(retrievalTop1));
      m.put("attribute_swap", round(attributeSwap));
      var per = new LinkedHashMap<String, Object>();
      perAttribute.forEach((k, v) -> per.put(k, round(v)));
      m.put("per_attribute", per);
      if (conditionalTop1 != null) {
        m.put("conditional_top1", round(conditionalTop1));
        m.put("generator_scenes", generatorScenes);
      }
      m.put("distractors", DISTRACTORS);
      m.put("seconds", Math.round(seconds * 10) / 10.0);
      return m;
    }

    private static double round(double v) {
      return Math.round(v * 10_000) / 10_000.0;
    }
  }

  public static Report run(SketchbookChecker checker, @Nullable GeneratorPrior generator, int sceneCount, int generatorScenes) {
    long start = System.nanoTime();
    List<Scene> scenes = new ArrayList<>();
    List<Caption> captions = new ArrayList<>();
    List<BufferedImage> images = new ArrayList<>();
    for (int i = 0; i < sceneCount; i++) {
      Scene scene = Sketchbook.scene(Split.HELD_OUT.seed(i));
      scenes.add(scene);
      captions.add(CaptionGrammar.describe(scene, new SplittableRandom(scene.seed() ^ SALT)));
      images.add(Sketchbook.render(scene));
    }
    float[][] imageVectors = embedImages(checker, images);
    float[][] captionVectors = embedTexts(checker, captions.stream().map(Caption::text).toList());
    List<int[]> distractors = new ArrayList<>();
    int retrieved = 0;
    for (int i = 0; i < sceneCount; i++) {
      int[] d = distractors(scenes.get(i), captions, i);
      distractors.add(d);
      if (ranksFirst(imageVectors[i], captionVectors[i], captionVectors, d)) {
        retrieved++;
      }
    }
    List<String> swapTexts = new ArrayList<>();
    List<Integer> swapScene = new ArrayList<>();
    List<String> swapAttribute = new ArrayList<>();
    for (int i = 0; i < sceneCount; i++) {
      Scene scene = scenes.get(i);
      var random = new SplittableRandom(scene.seed() ^ SALT ^ 1);
      Caption negative = CaptionGrammar.hardNegative(captions.get(i), scene, random);
      addPair(swapTexts, swapScene, swapAttribute, captions.get(i).text(), negative.text(), i, "any");
      for (Attribute attribute : Attribute.values()) {
        Optional<Caption> forced = CaptionGrammar.describe(scene, new SplittableRandom(scene.seed() ^ SALT ^ attribute.ordinal()), attribute);
        if (forced.isEmpty()) {
          continue;
        }
        Optional<Caption> swapped = CaptionGrammar.swap(forced.get(), scene, attribute, random);
        if (swapped.isPresent()) {
          addPair(swapTexts, swapScene, swapAttribute, forced.get().text(), swapped.get().text(), i,
              attribute.name().toLowerCase());
        }
      }
    }
    float[][] swapVectors = embedTexts(checker, swapTexts);
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (int p = 0; p < swapTexts.size(); p += 2) {
      int scene = swapScene.get(p);
      boolean right = dot(imageVectors[scene], swapVectors[p]) > dot(imageVectors[scene], swapVectors[p + 1]);
      int[] c = counts.computeIfAbsent(swapAttribute.get(p), k -> new int[2]);
      c[0] += right ? 1 : 0;
      c[1]++;
    }
    var perAttribute = new LinkedHashMap<String, Double>();
    counts.forEach((k, c) -> {
      if (!k.equals("any")) {
        perAttribute.put(k, c[0] / (double) c[1]);
      }
    });
    int[] any = counts.get("any");
    Double conditional = null;
    int g = Math.min(generatorScenes, sceneCount);
    if (generator != null && g > 0) {
      int hits = 0;
      for (int from = 0; from < g; from += BATCH) {
        int to = Math.min(g, from + BATCH);
        List<float[]> latents = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        for (int i = from; i < to; i++) {
          latents.add(GeneratorPrior.latent(scenes.get(i).seed() ^ SALT));
          prompts.add(captions.get(i).text());
        }
        float[][] made = checker.embedImages(generator.decode(latents, prompts));
        for (int i = from; i < to; i++) {
          if (ranksFirst(made[i - from], captionVectors[i], captionVectors, distractors.get(i))) {
            hits++;
          }
        }
      }
      conditional = hits / (double) g;
    }
    return new Report(sceneCount, retrieved / (double) sceneCount, any[0] / (double) any[1], perAttribute,
        conditional, generator == null ? 0 : g, (System.nanoTime() - start) / 1e9);
  }

  private static void addPair(List<String> texts, List<Integer> scenes, List<String> attributes,
      String truth, String swapped, int scene, String attribute) {
    texts.add(truth);
    texts.add(swapped);
    scenes.add(scene);
    scenes.add(scene);
    attributes.add(attribute);
    attributes.add(attribute);
  }

  /** The next captions (cyclically) that state something false about scene i. */
  private static int[] distractors(Scene scene, List<Caption> captions, int i) {
    int[] out = new int[DISTRACTORS];
    int n = 0;
    for (int k = 1; k < captions.size() && n < DISTRACTORS; k++) {
      int j = (i + k) % captions.size();
      if (!captions.get(j).description().isTrueFor(scene)) {
        out[n++] = j;
      }
    }
    if (n < DISTRACTORS) {
      throw new IllegalArgumentException("too few held-out scenes for " + DISTRACTORS + " distractors");
    }
    return out;
  }

  private static boolean ranksFirst(float[] image, float[] truth, float[][] captions, int[] distractors) {
    double score = dot(image, truth);
    for (int j : distractors) {
      if (dot(image, captions[j]) >= score) {
        return false;
      }
    }
    return true;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static float[][] embedImages(SketchbookChecker checker, List<BufferedImage> images) {
    List<float[]> out = new ArrayList<>();
    for (int from = 0; from < images.size(); from += BATCH) {
      out.addAll(List.of(checker.embedImages(images.subList(from, Math.min(images.size(), from + BATCH)))));
    }
    return out.toArray(new float[0][]);
  }

  private static float[][] embedTexts(SketchbookChecker checker, List<String> texts) {
    List<float[]> out = new ArrayList<>();
    for (int from = 0; from < texts.size(); from += 4 * BATCH) {
      out.addAll(List.of(checker.embedTexts(texts.subList(from, Math.min(texts.size(), from + 4 * BATCH))).vectors()));
    }
    return out.toArray(new float[0][]);
  }
}
