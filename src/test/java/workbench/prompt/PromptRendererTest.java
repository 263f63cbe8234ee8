package workbench.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptRendererTest {

  @ParameterizedTest(name = "{0} in {1} → {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      apple:: tart::2                  | MIDJOURNEY | apple:: tart::2
      apple:: tart::2                  | A1111      | apple, (tart:2)
      apple:: tart::2                  | COMPEL     | apple, (tart)2
      apple::2 --no red                | MIDJOURNEY | apple::2 red::-0.5
      apple::2 --no red                | A1111      | (apple:2), (red:-0.5)
      apple::2 --no red                | COMPEL     | (apple)2, (red)-0.5
      apple, tart                      | A1111      | (apple, tart:1)
      apple, tart                      | COMPEL     | (apple, tart)
      ratio 16:9                       | A1111      | (ratio 16:9:1)
      salt AND pepper::                | A1111      | (salt AND pepper:1)
      a cat, (red hat:1.3)             | MIDJOURNEY | a cat:: red hat::1.3
      a cat, (red hat:1.3)             | COMPEL     | a cat, (red hat)1.3
      ((red))                          | MIDJOURNEY | red::1.21
      red++ hat                        | A1111      | (red:1.21), hat
      \\(literal\\) \\[x\\]            | COMPEL     | \\(literal\\) [x]
      \\(literal\\) \\[x\\]            | A1111      | \\(literal\\) \\[x\\]
      """)
  void rendersInEachDialect(String text, Dialect dialect, String expected) {
    var prompt = PromptParser.parse(text);
    assertThat(PromptRenderer.render(prompt, dialect)).isEqualTo(expected);
    assertThat(PromptParser.parse(expected, dialect).sameTermsAs(prompt, 1e-6)).isTrue();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      a cat :1.2 AND a dog :0.5        | a cat :1.2 AND a dog :0.5
      (red:2) cat :0.5 AND dog         | (red:2), cat :0.5 AND dog
      a [red] cat BREAK grass AND sky  | a, (red:0.9090909091), cat BREAK grass AND sky
      """)
  void a1111KeepsItsAndPartsAndTheirWeights(String text, String expected) {
    var prompt = PromptParser.parse(text, Dialect.A1111);
    var written = PromptRenderer.render(prompt, Dialect.A1111);
    assertThat(written).isEqualTo(expected);
    var back = PromptParser.parse(written, Dialect.A1111);
    assertThat(back.sameTermsAs(prompt, 1e-6)).isTrue();
    assertThat(back.terms()).extracting(Term::part).isEqualTo(prompt.terms().stream().map(Term::part).toList());
    assertThat(back.terms()).extracting(Term::partWeight).isEqualTo(prompt.terms().stream().map(Term::partWeight).toList());
  }

  @Test
  void compelsConjunctionPartsBecomeA1111AndParts() {
    var compel = PromptParser.parse("(\"a red ball\", \"grass\").and(1, 2)", Dialect.COMPEL);
    var written = PromptRenderer.render(compel, Dialect.A1111);
    assertThat(written).isEqualTo("a red ball AND grass :2");
    assertThat(PromptParser.parse(written, Dialect.A1111).terms()).extracting(Term::weight).containsExactly(1.0, 2.0);
  }

  @ParameterizedTest(name = "{1} cannot write {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      (a::b)            | MIDJOURNEY | Midjourney cannot express the term 'a::b': '::' would split it in two
      (ratio:)          | MIDJOURNEY | Midjourney cannot express the term 'ratio:': its last ':' would run into the '::' after it
      (a --no b)        | MIDJOURNEY | Midjourney cannot express the term 'a --no b': '--no' would be read as a parameter
      (C++ code)        | COMPEL     | Compel cannot express the term 'C++ code': '++' at the end of a word would be read as a weight
      """)
  void namesWhatADialectCannotExpress(String a1111, Dialect dialect, String message) {
    var prompt = PromptParser.parse(a1111, Dialect.A1111);
    assertThatThrownBy(() -> PromptRenderer.render(prompt, dialect))
        .isInstanceOfSatisfying(PromptRenderException.class, e -> {
          assertThat(e.getMessage()).isEqualTo(message);
          assertThat(e.dialect()).isEqualTo(dialect);
        });
  }

  @Test
  void a1111CanWriteWhatTheOthersCannot() {
    var prompt = PromptParser.parse("(a::b), (C++ code), (ratio:)", Dialect.A1111);
    var text = PromptRenderer.render(prompt, Dialect.A1111);
    assertThat(PromptParser.parse(text, Dialect.A1111).sameTermsAs(prompt, 1e-6)).isTrue();
  }

  @Test
  void weightsAreWrittenAsShortDecimals() {
    assertThat(Weights.format(1.0)).isEqualTo("1");
    assertThat(Weights.format(0.5)).isEqualTo("0.5");
    assertThat(Weights.format(-0.5)).isEqualTo("-0.5");
    assertThat(Weights.format(100)).isEqualTo("100");
    assertThat(Weights.format(1.1 * 1.1 * 1.1)).isEqualTo("1.331");
    assertThat(Weights.format(1e-7)).isEqualTo("0.0000001");
  }
}
