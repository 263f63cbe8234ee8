package workbench.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import workbench.sketchbook.Vocabulary;

/**
 * Texts as the text encoder's input: per token position, a one-hot word and a one-hot
 * position (the position is what makes "apple tart" differ from "tart apple"). Padding
 * positions are all zeros.
 */
public record TextFeatures(float[] values, int count, List<String> unknownWords) {

  public static final int LENGTH = Vocabulary.MAX_TOKENS;
  public static final int WIDTH = Vocabulary.size() + LENGTH;

  public static TextFeatures of(List<String> texts) {
    float[] values = new float[texts.size() * LENGTH * WIDTH];
    Set<String> unknown = new LinkedHashSet<>();
    for (int t = 0; t < texts.size(); t++) {
      var tokens = Vocabulary.tokenize(texts.get(t));
      unknown.addAll(tokens.unknownWords());
      put(values, t, tokens.ids(), tokens.length());
    }
    return new TextFeatures(values, texts.size(), List.copyOf(unknown));
  }

  /** Texts already tokenised: {@code ids[t]}'s first {@code lengths[t]} ids, the rest padding. */
  static TextFeatures ofTokens(List<int[]> ids, int[] lengths) {
    float[] values = new float[ids.size() * LENGTH * WIDTH];
    for (int t = 0; t < ids.size(); t++) {
      put(values, t, ids.get(t), lengths[t]);
    }
    return new TextFeatures(values, ids.size(), List.of());
  }

  static void put(float[] values, int text, int[] ids, int length) {
    int base = text * LENGTH * WIDTH;
    for (int p = 0; p < length; p++) {
      values[base + p * WIDTH + ids[p]] = 1f;
      values[base + p * WIDTH + Vocabulary.size() + p] = 1f;
    }
  }
}
