package workbench.sketchbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaptionReaderTest {

  /** Every phrasing the grammar has, drawn over many scenes and wordings, reads back to its claims. */
  @Test
  void readsBackWhatTheGrammarWrote() {
    int fingers = 0;
    int twoObjects = 0;
    for (long seed = 0; seed < 20_000; seed++) {
      var scene = Sketchbook.scene(seed);
      var caption = CaptionGrammar.describe(scene, new SplittableRandom(seed));
      var read = CaptionReader.read(caption.text());
      assertThat(read.description()).as("seed %d: %s", seed, caption.text()).isEqualTo(caption.description());
      assertThat(read.ignored()).as(caption.text()).isEmpty();
      fingers += caption.description().objects().stream().anyMatch(o -> o.fingers() != 0) ? 1 : 0;
      twoObjects += caption.description().objects().size() == 2 ? 1 : 0;
    }
    // The draw covered the hard cases, so a reader that dropped them could not pass.
    assertThat(fingers).isGreaterThan(100);
    assertThat(twoObjects).isGreaterThan(1000);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      a hand, five fingers                      | HAND  | 1 | 5 |        |
      a hand with five fingers, detailed        | HAND  | 1 | 5 |        | detailed
      five fingers, a hand                      | HAND  | 1 | 5 |        |
      three red apples on a wooden table        | APPLE | 3 | 0 | RED    |
      a fish                                    | FISH  | 1 | 0 |        |
      two fish                                  | FISH  | 2 | 0 |        |
      an apple tart                             | APPLE_TART | 1 | 0 |   |
      """)
  void readsPeoplesPrompts(String text, ObjectKind kind, int count, int fingers, Colour colour, String ignored) {
    var read = CaptionReader.read(text);
    var claim = read.description().objects().get(0);
    assertThat(claim.kind()).isEqualTo(kind);
    assertThat(claim.count()).isEqualTo(count);
    assertThat(claim.fingers()).isEqualTo(fingers);
    assertThat(claim.colour()).isEqualTo(colour);
    assertThat(read.ignored()).isEqualTo(ignored == null ? List.of() : List.of(ignored));
  }

  @Test
  void readsSceneWords() {
    var read = CaptionReader.read("a small ball on the left and a cup, watercolour, at night");
    assertThat(read.description()).isEqualTo(new Description(Style.WATERCOLOUR, Background.NIGHT, List.of(
        new ObjectClaim(ObjectKind.BALL, null, Size.SMALL, Position.LEFT, 1, 0),
        new ObjectClaim(ObjectKind.CUP, null, null, null, 1, 0))));
  }

  @Test
  void refusesWhatItCannotReadAsClaims() {
    assertThatThrownBy(() -> CaptionReader.read("a dog in a park")).isInstanceOf(UnreadableCaptionException.class)
        .hasMessage("'a dog in a park' names no Sketchbook object (apple, hand, house …)");
    assertThatThrownBy(() -> CaptionReader.read("apples")).isInstanceOf(UnreadableCaptionException.class)
        .hasMessageContaining("without how many");
    assertThatThrownBy(() -> CaptionReader.read("a watercolour apple, pixel art"))
        .hasMessageContaining("two styles: watercolour and pixel art");
    assertThatThrownBy(() -> CaptionReader.read("an apple in the sky on the grass"))
        .hasMessageContaining("two backgrounds: sky and grass");
  }
}
