package workbench.sketchbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every word the Sketchbook models know, in a fixed order (a word's index is its token id, after
 * the two reserved ids). Text is lower-cased and split on anything that is not a letter; words
 * outside the vocabulary become the unknown token and are reported, so callers can tell people.
 */
public final class Vocabulary {

  public static final int PAD = 0;
  public static final int UNKNOWN = 1;
  /** Longer texts are cut; the cut is reported by {@link Tokens#truncated()}. */
  public static final int MAX_TOKENS = 24;

  private static final List<String> WORDS = build();
  private static final Map<String, Integer> IDS = index();

  private Vocabulary() {}

  /** The known words; token id of {@code words().get(i)} is {@code i + 2}. */
  public static List<String> words() {
    return WORDS;
  }

  /** Token ids including the two reserved ones (pad, unknown). */
  public static int size() {
    return WORDS.size() + 2;
  }

  public static boolean knows(String word) {
    return IDS.containsKey(word.toLowerCase(Locale.ROOT));
  }

  /** The text as token ids, padded with {@link #PAD} to {@link #MAX_TOKENS}. */
  public static Tokens tokenize(String text) {
    String[] words = text.toLowerCase(Locale.ROOT).split("[^a-z]+");
    int[] ids = new int[MAX_TOKENS];
    Set<String> unknown = new LinkedHashSet<>();
    int n = 0;
    boolean truncated = false;
    for (String word : words) {
      if (word.isEmpty()) {
        continue;
      }
      if (n == MAX_TOKENS) {
        truncated = true;
        break;
      }
      Integer id = IDS.get(word);
      if (id == null) {
        unknown.add(word);
      }
      ids[n++] = id == null ? UNKNOWN : id;
    }
    return new Tokens(ids, n, List.copyOf(unknown), truncated);
  }

  /** Token ids of a text, how many are real, the words not known, and whether it was cut. */
  public record Tokens(int[] ids, int length, List<String> unknownWords, boolean truncated) {}

  private static List<String> build() {
    Set<String> words = new LinkedHashSet<>();
    for (ObjectKind k : ObjectKind.values()) {
      words.addAll(k.words());
    }
    for (Colour c : Colour.values()) {
      words.add(c.word());
    }
    words.addAll(List.of("small", "big", "left", "right", "top", "bottom", "centre", "center", "middle"));
    words.addAll(List.of("one", "two", "three", "four", "five", "six", "with", "fingers"));
    words.addAll(List.of("flat", "colour", "outline", "sketch", "drawing", "line", "striped", "stripy",
        "dotted", "polka", "dot", "blurry", "watercolour", "watercolor", "painting", "pixel", "art", "pixelated",
        "style"));
    words.addAll(List.of("plain", "paper", "table", "wooden", "sky", "grass", "night"));
    words.addAll(List.of("a", "an", "the", "of", "on", "at", "in", "to", "and", "next", "beside", "against"));
    return List.copyOf(new ArrayList<>(words));
  }

  private static Map<String, Integer> index() {
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (int i = 0; i < WORDS.size(); i++) {
      ids.put(WORDS.get(i), i + 2);
    }
    return ids;
  }
}
