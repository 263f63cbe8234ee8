package workbench.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of the prompt language as a row: input → terms ("text=weight; text=weight"). */
class PromptParserTest {

  @ParameterizedTest(name = "midjourney: {0} → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      apple:: tart::                   | apple=1; tart=1
      apple tart                       | apple tart=1
      apple:: tart::2                  | apple=1; tart=2
      hot::2 dog                       | hot=2; dog=1
      hot::4 dog::2                    | hot=4; dog=2
      apple::.5 tart                   | apple=0.5; tart=1
      apple:: red::-0.5                | apple=1; red=-0.5
      apple::2 red::-.5 blue::-.5      | apple=2; red=-0.5; blue=-0.5
      apple::2 --no red, blue          | apple=2; red, blue=-0.5
      tulips::200 red::-100            | tulips=2; red=-1
      a cat --seed 42 --no dog         | a cat=1; dog=-0.5
      a　cat on a mat::2             | a cat on a mat=2
      apple --no red                   | apple=1; red=-0.5
      apple::2 --no red --no blue      | apple=2; red=-0.5; blue=-0.5
      apple, tart                      | apple, tart=1
      ratio 16:9                       | ratio 16:9=1
      "  apple   tart  ::3 "           | apple tart=3
      apple::2, tart                   | apple=2; tart=1
      space::ship                      | space=1; ship=1
      apple::0 tart                    | apple=0; tart=1
      apple::+2 tart::2.               | apple=2; tart=2
      half-elf --north                 | half-elf --north=1
      """)
  void midjourney(String text, String terms) {
    assertTerms(PromptParser.parse(text, Dialect.MIDJOURNEY), terms);
  }

  @ParameterizedTest(name = "a1111: {0} → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      (red)                            | red=1.1
      [red]                            | red=0.909090909091
      (red:1.3)                        | red=1.3
      ( red : 1.3 )                    | red=1.3
      ((red))                          | red=1.21
      [(red)]                          | red=1
      ((red:1.5))                      | red=1.65
      (red:-0.5) cat                   | red=-0.5; cat=1
      a cat, (red hat:1.3), blue sky   | a cat=1; red hat=1.3; blue sky=1
      a (red) cat                      | a=1; red=1.1; cat=1
      (red)(blue)                      | red=1.1; blue=1.1
      \\(red\\)                        | (red)=1
      \\[x\\] \\\\                     | [x] \\=1
      a cat :1.2 AND a dog :0.8        | a cat=1.2; a dog=0.8
      a cat AND a dog                  | a cat=1; a dog=1
      a cat :1.2                       | a cat=1.2
      ratio 16:9                       | ratio 16=9
      (ratio 16:9 wide)                | ratio 16:9 wide=1.1
      a ANDROID                        | a ANDROID=1
      (red:2) cat :0.5 AND dog         | red=1; cat=0.5; dog=1
      (red hat, blue sky:1.2)          | red hat, blue sky=1.2
      (16:9 wide)                      | 16:9 wide=1.1
      (salt AND pepper)                | salt AND pepper=1.1
      apple tart                       | apple tart=1
      a cat, blue sky                  | a cat=1; blue sky=1
      a cat BREAK a dog                | a cat=1; a dog=1
      [a:b]                            | a:b=0.909090909091
      """)
  void a1111(String text, String terms) {
    assertTerms(PromptParser.parse(text, Dialect.A1111), terms);
  }

  @ParameterizedTest(name = "compel: {0} → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      red+                             | red=1.1
      red-                             | red=0.9
      red++                            | red=1.21
      red---                           | red=0.729
      red+-                            | red=0.99
      (red hat)1.3                     | red hat=1.3
      (red hat)+                       | red hat=1.1
      (red hat)--                      | red hat=0.81
      (red hat)                        | red hat=1
      a red+ cat                       | a=1; red=1.1; cat=1
      half-elf                         | half-elf=1
      a - b                            | a - b=1
      (a (b)1.5)1.2                    | a=1.2; b=1.8
      (bad hands)-0.5, hands           | bad hands=-0.5; hands=1
      \\(x\\)                          | (x)=1
      a cat, (red, blue)1.2            | a cat=1; red, blue=1.2
      [x]                              | [x]=1
      apple tart                       | apple tart=1
      """)
  void compel(String text, String terms) {
    assertTerms(PromptParser.parse(text, Dialect.COMPEL), terms);
  }

  @ParameterizedTest(name = "detects {1} in {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      apple:: tart::                   | MIDJOURNEY
      apple --no red                   | MIDJOURNEY
      apple tart                       | MIDJOURNEY
      half-elf, apple                  | MIDJOURNEY
      (red:1.2) hat                    | A1111
      [red] hat                        | A1111
      a cat AND a dog                  | A1111
      \\(literal\\)                    | A1111
      red+ hat                         | COMPEL
      (red hat)1.2                     | COMPEL
      (red hat)-                       | COMPEL
      """)
  void detectsDialect(String text, Dialect expected) {
    assertThat(PromptParser.detect(text)).isEqualTo(expected);
    assertThat(PromptParser.parse(text).dialect()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{1}: {0} → column {2}: {3}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      apple:: tart::2x         | MIDJOURNEY | 15 | weight '2x' at column 15 is not a number
      apple::-1                | MIDJOURNEY | 1  | weights sum to -1: at least one positive weight is needed
      red::-.5 blue::.5        | MIDJOURNEY | 1  | weights sum to 0: at least one positive weight is needed
      --no red                 | MIDJOURNEY | 6  | weights sum to -0.5: at least one positive weight is needed
      :: apple                 | MIDJOURNEY | 1  | '::' at column 1 has no term before it
      apple::2 ::3             | MIDJOURNEY | 10 | '::' at column 10 has no term before it
      apple --no               | MIDJOURNEY | 7  | '--no' at column 7 has no terms after it
      apple --no red:: x       | MIDJOURNEY | 15 | '::' at column 15 is inside the --no list started at column 7
      a::1000 b::-999.5        | MIDJOURNEY | 1  | weight 2000 at column 1 is out of range: weights must lie between -100 and 100
      a cat --ar 16:9          | MIDJOURNEY | 7  | Midjourney parameter '--ar' at column 7 is not supported here: the workbench sets size, quality and style in the recipe, not in the prompt
      a cat --seed x           | MIDJOURNEY | 7  | '--seed' at column 7 needs a whole number from 0 to 4294967295, not 'x'
      a cat --seed 1 dog       | MIDJOURNEY | 16 | 'dog' at column 16 comes after the parameters: prompt text goes before the first --parameter
      😀 (a                    | A1111      | 3  | unclosed '(' opened at column 3
      a <lora:x:1>             | A1111      | 3  | extra network '<lora:x:1>' at column 3 is not supported: the workbench has no lora weights to load
      a cat.swap(dog)          | COMPEL     | 6  | Compel's .swap() at column 6 is not supported: swapping words mid-run is cross-attention control, which the loop does not do
      a withLora(x, 1)         | COMPEL     | 3  | Compel's withLora(…) at column 3 is not supported: the workbench has no LoRA weights to load
      ("a", "b").and(1)        | COMPEL     | 11 | '.and()' at column 11 has 1 weights for 2 prompts
      ab(cd                    | A1111      | 3  | unclosed '(' opened at column 3
      a [b (c)                 | A1111      | 3  | unclosed '[' opened at column 3
      a)                       | A1111      | 2  | unmatched ')' at column 2
      (a]                      | A1111      | 3  | ']' at column 3 does not close the '(' opened at column 1
      (x:2x)                   | A1111      | 4  | weight '2x' at column 4 is not a number
      ((x:100))                | A1111      | 3  | weight 110 at column 3 is out of range: weights must lie between -100 and 100
      a AND                    | A1111      | 3  | 'AND' at column 3 has no prompt after it
      AND b                    | A1111      | 1  | 'AND' at column 1 has no prompt before it
      (x)2x                    | COMPEL     | 4  | weight '2x' at column 4 is not a number
      (red hat                 | COMPEL     | 1  | unclosed '(' opened at column 1
      red)                     | COMPEL     | 4  | unmatched ')' at column 4
      "  , "                   | MIDJOURNEY | 1  | the prompt is empty: write at least one term
      ()                       | A1111      | 1  | the prompt is empty: write at least one term
      """)
  void rejects(String text, Dialect dialect, int column, String message) {
    assertThatThrownBy(() -> PromptParser.parse(text, dialect))
        .isInstanceOfSatisfying(PromptSyntaxException.class, e -> {
          assertThat(e.getMessage()).isEqualTo(message);
          assertThat(e.column()).isEqualTo(column);
          assertThat(e.hint()).isNotBlank();
        });
  }

  @Test
  void seedExampleIsTwoTermsWhileOnePhraseIsOne() {
    var twoTerms = PromptParser.parse("apple:: tart::");
    var onePhrase = PromptParser.parse("apple tart");
    assertThat(twoTerms.texts()).containsExactly("apple", "tart");
    assertThat(onePhrase.texts()).containsExactly("apple tart");
    assertThat(twoTerms.normalisedWeights()).containsExactly(0.5, 0.5);
    assertThat(onePhrase.normalisedWeights()).containsExactly(1.0);
  }

  @Test
  void weightsAreRelative() {
    var once = PromptParser.parse("hot::2 dog");
    var doubled = PromptParser.parse("hot::4 dog::2");
    assertThat(once.normalisedWeights()).containsExactlyElementsOf(doubled.normalisedWeights());
  }

  @Test
  void normalisedWeightsSumToOneInAbsoluteValue() {
    var prompt = PromptParser.parse("apple::3 --no red");
    assertThat(prompt.normalisedWeights()).containsExactly(3 / 3.5, -0.5 / 3.5);
    assertThat(prompt.normalisedWeights().stream().mapToDouble(Math::abs).sum())
        .isCloseTo(1.0, within(1e-12));
  }

  @Test
  void spansPointAtTheWordsInTheSource() {
    var prompt = PromptParser.parse("apple:: tart::2 --no red");
    assertThat(prompt.terms()).extracting(Term::span)
        .containsExactly(new Span(0, 5), new Span(8, 12), new Span(21, 24));
    var a1111 = PromptParser.parse("a cat, (red hat:1.3)", Dialect.A1111);
    assertThat(a1111.term(1).span()).isEqualTo(new Span(8, 15));
  }

  @Test
  void rejectsPromptsLongerThan2000Characters() {
    var text = "a".repeat(2001);
    assertThatThrownBy(() -> PromptParser.parse(text))
        .isInstanceOfSatisfying(PromptSyntaxException.class,
            e -> assertThat(e.column()).isEqualTo(2001));
    assertThat(PromptParser.parse("a".repeat(2000)).size()).isEqualTo(1);
  }

  @Test
  void rejectsMoreThan64Terms() {
    var sixtyFour = String.join(" ", Collections.nCopies(64, "a::"));
    assertThat(PromptParser.parse(sixtyFour).size()).isEqualTo(64);
    assertThatThrownBy(() -> PromptParser.parse(sixtyFour + " b::"))
        .isInstanceOfSatisfying(PromptSyntaxException.class, e -> {
          assertThat(e.column()).isEqualTo(64 * 4 + 1);
          assertThat(e.getMessage()).startsWith("too many terms");
        });
  }

  @Test
  void acceptsWeightsUpTo100EitherWay() {
    assertThat(PromptParser.parse("a::100 b::-100 c::1").weights()).containsExactly(100.0, -100.0, 1.0);
  }

  /** "a=1; b c=0.5" → terms, compared by text and weight. */
  static void assertTerms(WeightedPrompt prompt, String expected) {
    List<String[]> rows = Arrays.stream(expected.split(";")).map(String::trim)
        .map(row -> new String[] {row.substring(0, row.lastIndexOf('=')),
            row.substring(row.lastIndexOf('=') + 1)})
        .toList();
    assertThat(prompt.texts()).containsExactlyElementsOf(rows.stream().map(r -> r[0]).toList());
    for (int i = 0; i < rows.size(); i++) {
      assertThat(prompt.term(i).weight()).as("weight of '%s'", rows.get(i)[0])
          .isCloseTo(Double.parseDouble(rows.get(i)[1]), within(1e-9));
    }
  }
}
