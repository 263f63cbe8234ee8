package workbench.sketchbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SketchbookTest {

  @Test
  void sameSeedGivesSameSceneAndPixels() {
    for (long seed : new long[] {0, 1, 42, 123_456_789, Split.HELD_OUT.seed(7)}) {
      Scene a = Sketchbook.scene(seed);
      Scene b = Sketchbook.scene(seed);
      assertThat(a).isEqualTo(b);
      float[] first = Sketchbook.pixels(Sketchbook.render(a));
      float[] second = Sketchbook.pixels(Sketchbook.render(b));
      assertThat(first).hasSize(3 * Sketchbook.IMAGE_SIZE * Sketchbook.IMAGE_SIZE);
      assertThat(Arrays.equals(first, second)).as("pixels of seed %d", seed).isTrue();
    }
  }

  @Test
  void differentSeedsGiveDifferentImages() {
    assertThat(Arrays.equals(
        Sketchbook.pixels(Sketchbook.render(Sketchbook.scene(1))),
        Sketchbook.pixels(Sketchbook.render(Sketchbook.scene(2))))).isFalse();
  }

  @Test
  void everyStyleBackgroundAndKindAppears() {
    Set<Style> styles = EnumSet.noneOf(Style.class);
    Set<Background> backgrounds = EnumSet.noneOf(Background.class);
    Set<ObjectKind> kinds = EnumSet.noneOf(ObjectKind.class);
    Set<Integer> fingers = new HashSet<>();
    for (long seed = 0; seed < 2000; seed++) {
      Scene scene = Sketchbook.scene(seed);
      styles.add(scene.style());
      backgrounds.add(scene.background());
      scene.objects().forEach(o -> {
        kinds.add(o.kind());
        if (o.kind() == ObjectKind.HAND) {
          fingers.add(o.fingers());
        }
      });
    }
    assertThat(styles).hasSize(Style.values().length);
    assertThat(backgrounds).hasSize(Background.values().length);
    assertThat(kinds).hasSize(ObjectKind.values().length);
    assertThat(fingers).containsExactlyInAnyOrder(3, 4, 5, 6);
  }

  @Test
  void splitsAreDisjoint() {
    assertThat(Split.TRAIN.endSeed()).isLessThanOrEqualTo(Split.HELD_OUT.firstSeed());
    assertThat(Split.TRAIN.contains(Split.HELD_OUT.seed(0))).isFalse();
    assertThat(Split.HELD_OUT.contains(Split.TRAIN.seed(Split.TRAIN.endSeed() - 1))).isFalse();
    assertThat(Split.HELD_OUT.seeds(100).allMatch(Split.HELD_OUT::contains)).isTrue();
  }

  @Test
  void captionsNeverStateAFalseAttribute() {
    for (long seed = 0; seed < 5000; seed++) {
      Scene scene = Sketchbook.scene(seed);
      Caption caption = CaptionGrammar.describe(scene, new SplittableRandom(seed));
      assertThat(caption.description().isTrueFor(scene)).as(caption.text()).isTrue();
      assertWordsTrue(caption.text(), scene);
    }
  }

  @Test
  void hardNegativesAreFalseAndDifferInOneClaim() {
    for (long seed = 0; seed < 3000; seed++) {
      Scene scene = Sketchbook.scene(seed);
      var random = new SplittableRandom(seed);
      Caption caption = CaptionGrammar.describe(scene, random);
      Caption negative = CaptionGrammar.hardNegative(caption, scene, random);
      assertThat(negative.description().isTrueFor(scene)).as(negative.text()).isFalse();
      assertThat(negative.text()).isNotEqualTo(caption.text());
      assertThat(negative.description().objects()).hasSameSizeAs(caption.description().objects());
      long s = seed;
      for (Attribute attribute : Attribute.values()) {
        CaptionGrammar.describe(scene, new SplittableRandom(seed), attribute).ifPresent(forced -> {
          assertThat(forced.description().mentioned()).contains(attribute);
          var swapped = CaptionGrammar.swap(forced, scene, attribute, new SplittableRandom(s));
          assertThat(swapped).as("%s of %s", attribute, forced.text()).isPresent();
          assertThat(swapped.get().description().isTrueFor(scene)).isFalse();
        });
      }
    }
  }

  @Test
  void everyCaptionWordIsInTheVocabulary() {
    for (long seed = 0; seed < 3000; seed++) {
      Scene scene = Sketchbook.scene(seed);
      Caption caption = CaptionGrammar.describe(scene, new SplittableRandom(seed));
      assertThat(Vocabulary.tokenize(caption.text()).unknownWords()).as(caption.text()).isEmpty();
    }
  }

  @Test
  void tokenizerReportsUnknownWordsAndKeepsOrder() {
    var tokens = Vocabulary.tokenize("A red Zebra, apple tart!");
    assertThat(tokens.unknownWords()).containsExactly("zebra");
    assertThat(tokens.length()).isEqualTo(5);
    assertThat(tokens.ids()[2]).isEqualTo(Vocabulary.UNKNOWN);
    assertThat(Vocabulary.tokenize("apple tart").ids())
        .isNotEqualTo(Vocabulary.tokenize("tart apple").ids());
  }

  /** Reads the words themselves back, independent of the grammar's own description. */
  private static void assertWordsTrue(String text, Scene scene) {
    List<String> words = List.of(text.replace(",", " ").split(" +"));
    Set<String> colours = scene.objects().stream().map(o -> o.colour().word()).collect(Collectors.toSet());
    Set<String> nouns = scene.objects().stream()
        .flatMap(o -> o.kind().words().stream()).collect(Collectors.toSet());
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      for (Colour c : Colour.values()) {
        if (w.equals(c.word())) {
          assertThat(colours).as(text).contains(w);
        }
      }
      for (ObjectKind k : ObjectKind.values()) {
        if (w.equals(k.singular()) || w.equals(k.plural())) {
          assertThat(nouns).as(text).contains(w);
        }
      }
      if (w.equals("tart") || w.equals("tarts")) {
        boolean appleTart = i > 0 && words.get(i - 1).equals("apple");
        assertThat(scene.has(appleTart ? ObjectKind.APPLE_TART : ObjectKind.TART)).as(text).isTrue();
      }
      if (w.equals("fingers")) {
        int n = List.of("three", "four", "five", "six").indexOf(words.get(i - 1)) + 3;
        assertThat(scene.objects()).as(text).anyMatch(o -> o.fingers() == n);
      }
    }
    String style = switch (scene.style()) {
      case WATERCOLOUR -> "water";
      case PIXEL_ART -> "pixel";
      case OUTLINE -> "sketch|drawing";
      case STRIPED -> "strip";
      case DOTTED -> "dot";
      case FLAT -> "flat";
    };
    for (String marker : List.of("water", "pixel", "strip", "dot", "flat")) {
      if (text.contains(marker)) {
        assertThat(style).as(text).contains(marker);
      }
    }
    if (text.contains("night")) {
      assertThat(scene.background()).isEqualTo(Background.NIGHT);
    }
    if (text.contains("grass")) {
      assertThat(scene.background()).isEqualTo(Background.GRASS);
    }
    if (text.contains("sky")) {
      assertThat(scene.background()).isEqualTo(Background.SKY);
    }
  }
}
