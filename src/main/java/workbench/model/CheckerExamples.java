package workbench.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import workbench.sketchbook.Caption;
import workbench.sketchbook.CaptionGrammar;
import workbench.sketchbook.Scene;
import workbench.sketchbook.Sketchbook;
import workbench.sketchbook.Split;
import workbench.sketchbook.Vocabulary;

/**
 * One training batch for the checker, as plain arrays (made on a helper thread while the
 * network trains): images, their captions, one hard negative per caption, and masks that keep
 * captions that happen to be true for another image in the batch from counting as wrong.
 */
record CheckerExamples(
    int size, float[] images, float[] texts, float[] maskImageToText, float[] maskTextToImage) {

  static final float MASKED = -1e4f;

  /** Batch {@code step} of a training run: the scenes are a fixed function of (seed, step). */
  static CheckerExamples batch(long runSeed, long step, int size, double unknownRate) {
    long span = Split.TRAIN.endSeed() - Split.TRAIN.firstSeed();
    List<Scene> scenes = new ArrayList<>();
    List<Caption> captions = new ArrayList<>();
    List<Caption> negatives = new ArrayList<>();
    var random = new SplittableRandom(runSeed * 1_000_003L + step);
    int pixels = 3 * Sketchbook.IMAGE_SIZE * Sketchbook.IMAGE_SIZE;
    float[] images = new float[size * pixels];
    for (int i = 0; i < size; i++) {
      long index = Math.floorMod(runSeed * 104_729L * 1_000_000L + step * size + i, span);
      Scene scene = Sketchbook.scene(Split.TRAIN.seed(index));
      scenes.add(scene);
      Caption caption = CaptionGrammar.describe(scene, random);
      captions.add(caption);
      negatives.add(CaptionGrammar.hardNegative(caption, scene, random));
      System.arraycopy(Sketchbook.pixels(Sketchbook.render(scene)), 0, images, i * pixels, pixels);
    }
    float[] texts = new float[2 * size * TextFeatures.LENGTH * TextFeatures.WIDTH];
    for (int t = 0; t < 2 * size; t++) {
      Caption c = t < size ? captions.get(t) : negatives.get(t - size);
      var tokens = Vocabulary.tokenize(c.text());
      int[] ids = tokens.ids().clone();
      for (int p = 0; p < tokens.length(); p++) {
        // A few unknown tokens teach the encoder to carry on past words it does not know.
        if (random.nextDouble() < unknownRate) {
          ids[p] = Vocabulary.UNKNOWN;
        }
      }
      TextFeatures.put(texts, t, ids, tokens.length());
    }
    float[] toText = new float[size * 2 * size];
    float[] toImage = new float[size * size];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        if (i != j && captions.get(j).description().isTrueFor(scenes.get(i))) {
          toText[i * 2 * size + j] = MASKED;
          toImage[j * size + i] = MASKED;
        }
        if (i != j && negatives.get(j).description().isTrueFor(scenes.get(i))) {
          toText[i * 2 * size + size + j] = MASKED;
        }
      }
    }
    return new CheckerExamples(size, images, texts, toText, toImage);
  }
}
