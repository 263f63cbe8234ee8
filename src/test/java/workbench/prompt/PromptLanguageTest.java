package workbench.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What people really write: A1111 prompt editing, alternation and BREAK; Compel's functions and
 * quotes; Midjourney's parameters; and errors that point where they say, in any script.
 */
class PromptLanguageTest {

  /** Which terms condition each step of a 10-step run: "a b|a c|…" per step. */
  private static String stepsOf(String text) {
    var prompt = PromptParser.parse(text, Dialect.A1111);
    var steps = new StringBuilder();
    for (int step = 1; step <= 10; step++) {
      steps.append(step == 1 ? "" : "|")
          .append(String.join(" ", prompt.termsAt(step, 10).stream().map(Term::text).toList()));
    }
    return steps.toString();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '=', textBlock = """
      a [cat:dog:3]     = a cat|a cat|a cat|a dog|a dog|a dog|a dog|a dog|a dog|a dog
      a [dog:0.5]       = a|a|a|a|a|a dog|a dog|a dog|a dog|a dog
      a [cat::2]        = a cat|a cat|a|a|a|a|a|a|a|a
      a [cat|dog]       = a cat|a dog|a cat|a dog|a cat|a dog|a cat|a dog|a cat|a dog
      a [cat:dog:1.0]   = a cat|a cat|a cat|a cat|a cat|a cat|a cat|a cat|a cat|a cat
      a [cat:dog:1]     = a cat|a dog|a dog|a dog|a dog|a dog|a dog|a dog|a dog|a dog
      """)
  void promptEditingSwitchesTermsAtTheStepA1111Names(String text, String steps) {
    assertThat(stepsOf(text)).isEqualTo(steps.strip());
  }

  /** What a grid's when axis does to a row: every editing construct switches at the new when. */
  @ParameterizedTest(name = "{0} at {1} → {2}")
  @CsvSource(delimiter = '=', textBlock = """
      a [cat:dog:3]       = 0.5 = a cat|a cat|a cat|a cat|a cat|a dog|a dog|a dog|a dog|a dog
      a [dog:0.5]         = 2   = a|a|a dog|a dog|a dog|a dog|a dog|a dog|a dog|a dog
      a [cat::2] [b:0.9]  = 0.1 = a cat|a b|a b|a b|a b|a b|a b|a b|a b|a b
      a [cat|dog] [e::2]  = 0.3 = a cat e|a dog e|a cat e|a dog|a cat|a dog|a cat|a dog|a cat|a dog
      """)
  void aNewWhenMovesEveryPromptEditingSwitch(String text, String when, String steps) {
    var prompt = PromptParser.parse(text.strip(), Dialect.A1111);
    var swept = prompt.withWhen(Timing.When.of(when.strip()));
    assertThat(swept.hasPromptEditing()).isTrue();
    assertThat(stepsOf(PromptRenderer.render(swept, Dialect.A1111))).isEqualTo(steps.strip());
    assertThat(PromptParser.parse("a [cat|dog]", Dialect.A1111).hasPromptEditing()).isFalse();
    assertThat(PromptParser.parse("(a:1.2) [b]", Dialect.A1111).hasPromptEditing()).isFalse();
  }

  @Test
  void termsCarryTheirTiming() {
    var prompt = PromptParser.parse("a [mountain:lake:0.25]", Dialect.A1111);
    assertThat(prompt.texts()).containsExactly("a", "mountain", "lake");
    assertThat(prompt.term(0).timing()).isEqualTo(Timing.ALWAYS);
    assertThat(prompt.term(1).timing().describe()).isEqualTo("until 0.25");
    assertThat(prompt.term(2).timing().describe()).isEqualTo("after 0.25");
    assertThat(prompt.isScheduled()).isTrue();
    assertThat(PromptJson.write(prompt)).contains("\"text\":\"mountain\"", "\"timing\":\"until 0.25\"")
        .contains("\"timing\":\"after 0.25\"");
    assertThat(PromptJson.write(PromptParser.parse("a --seed 7"))).endsWith(",\"seed\":7}");
    assertThat(PromptParser.parse("(a:1.2) [b]", Dialect.A1111).isScheduled()).isFalse();
  }

  @Test
  void breakStartsANewChunk() {
    var prompt = PromptParser.parse("a red cat BREAK (blue sky:1.2) BREAK grass", Dialect.A1111);
    assertThat(prompt.texts()).containsExactly("a red cat", "blue sky", "grass");
    assertThat(prompt.terms()).extracting(Term::chunk).containsExactly(0, 1, 2);
    assertThat(PromptParser.parse("BREAKFAST", Dialect.A1111).texts()).containsExactly("BREAKFAST");
  }

  @Test
  void escapedBracketsAreText() {
    var prompt = PromptParser.parse("\\(a\\) \\[b\\] \\\\ [c:2]", Dialect.A1111);
    assertThat(prompt.term(0).text()).isEqualTo("(a) [b] \\");
    assertThat(prompt.term(0).weight()).isEqualTo(1.0);
  }

  @Test
  void a1111WritesAndReadsBackSchedules() {
    var prompt = PromptParser.parse("a [b:c:0.5] [d|e] f BREAK g [h:3]", Dialect.A1111);
    String text = PromptRenderer.render(prompt, Dialect.A1111);
    assertThat(PromptParser.parse(text, Dialect.A1111).sameTermsAs(prompt, 1e-9)).as(text).isTrue();
    assertThatThrownBy(() -> PromptRenderer.render(prompt, Dialect.MIDJOURNEY))
        .isInstanceOf(PromptRenderException.class).hasMessageContaining("only A1111");
    assertThatThrownBy(() -> PromptRenderer.render(prompt, Dialect.COMPEL))
        .isInstanceOf(PromptRenderException.class).hasMessageContaining("only A1111");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      flames.attend(0.5)                         | flames=0.5
      fire (flames).attend(++)                   | fire=1; flames=1.21
      fire "flames"+                             | fire=1; flames=1.1
      "a, b"1.5 c                                | a, b=1.5; c=1
      ("fire", "flames").and(2, 1)               | fire=2; flames=1
      ("fire", "fire flames").blend(0.7, 0.3)    | fire=0.7; fire flames=0.3
      ("fire", "ice").blend(3, 1, no_normalize)  | fire=3; ice=1
      say \\"hi\\"                               | say "hi"=1
      """)
  void compelFunctionsAndQuotes(String text, String terms) {
    PromptParserTest.assertTerms(PromptParser.parse(text, Dialect.COMPEL), terms);
  }

  @Test
  void midjourneySeedIsCarriedForTheRecipe() {
    var prompt = PromptParser.parse("a red apple --seed 1234 --no green");
    assertThat(prompt.dialect()).isEqualTo(Dialect.MIDJOURNEY);
    assertThat(prompt.seed()).hasValue(1234);
    assertThat(prompt.texts()).containsExactly("a red apple", "green");
    assertThat(PromptRenderer.render(prompt, Dialect.MIDJOURNEY)).isEqualTo("a red apple:: green::-0.5 --seed 1234");
    assertThat(PromptParser.parse("a red apple").seed()).isEmpty();
    assertThatThrownBy(() -> PromptRenderer.render(prompt, Dialect.A1111))
        .isInstanceOf(PromptRenderException.class).hasMessageContaining("--seed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u00A0", "\u3000", "\u2002", "\u202F", "\u2009"})
  void unicodeSpacesAreSpaces(String space) {
    for (var dialect : Dialect.values()) {
      var prompt = PromptParser.parse(space + "red" + space + space + "apple" + space, dialect);
      assertThat(prompt.texts()).as(dialect.id()).containsExactly("red apple");
    }
  }

  @Test
  void columnsCountCodePoints() {
    assertThatThrownBy(() -> PromptParser.parse("😀😀 a (b", Dialect.A1111))
        .isInstanceOfSatisfying(PromptSyntaxException.class, e -> {
          assertThat(e.column()).isEqualTo(6);
          assertThat(e.getMessage()).isEqualTo("unclosed '(' opened at column 6");
          assertThat(e.markIn("😀😀 a (b")).isEqualTo("😀😀 a (b\n     ^");
        });
  }

  @Test
  void multiLinePromptsSayLineAndColumnAndTheCaretAgrees() {
    String text = "a red apple,\n  (a tart:2x)";
    assertThatThrownBy(() -> PromptParser.parse(text, Dialect.A1111))
        .isInstanceOfSatisfying(PromptSyntaxException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("weight '2x' at line 2, column 11 is not a number");
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.column()).isEqualTo(11);
          assertThat(e.location()).isEqualTo("2:11");
          assertThat(e.markIn(text)).isEqualTo("  (a tart:2x)\n          ^");
        });
  }

  @ParameterizedTest
  @CsvSource({"(, A1111", "[, A1111", "(, COMPEL", "(\", COMPEL"})
  void deepNestingIsASyntaxErrorNotACrash(String open, Dialect dialect) {
    String text = open.repeat(1990 / open.length()) + "x";
    assertThatThrownBy(() -> PromptParser.parse(text, dialect))
        .isInstanceOfSatisfying(PromptSyntaxException.class, e -> {
          assertThat(e.getMessage()).contains("more than 50 deep");
          assertThat(e.column()).isBetween(50, 51 * open.length());
        });
    String fifty = "(".repeat(50) + "x" + ")".repeat(50);
    assertThat(PromptParser.parse(fifty, Dialect.COMPEL).texts()).isEqualTo(List.of("x"));
    assertThat(PromptParser.parse("(".repeat(20) + "x" + ")".repeat(20), Dialect.A1111).term(0).weight())
        .isCloseTo(Math.pow(1.1, 20), within(1e-6));
  }

  @Test
  void hugeNumbersAreSyntaxErrors() {
    String huge = "9".repeat(400);
    for (var text : List.of("a::" + huge, "(a:" + huge + ")", "a [b:" + huge + "]", "(a)" + huge)) {
      for (var dialect : Dialect.values()) {
        try {
          var prompt = PromptParser.parse(text, dialect);
          assertThat(prompt.weights()).allMatch(w -> Math.abs(w) <= 100);
        } catch (PromptSyntaxException expected) {
          assertThat(expected.hint()).isNotBlank();
        }
      }
    }
  }
}
