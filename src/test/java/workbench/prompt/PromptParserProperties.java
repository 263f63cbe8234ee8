package workbench.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** Round trips through every dialect, and a parser that fails only with PromptSyntaxException. */
class PromptParserProperties {

  @Property(tries = 3000)
  void midjourneyRoundTrip(@ForAll("prompts") WeightedPrompt prompt) {
    Statistics.collect(assertRoundTrip(prompt, Dialect.MIDJOURNEY));
  }

  @Property(tries = 3000)
  void a1111RoundTrip(@ForAll("prompts") WeightedPrompt prompt) {
    Statistics.collect(assertRoundTrip(prompt, Dialect.A1111));
  }

  @Property(tries = 3000)
  void compelRoundTrip(@ForAll("prompts") WeightedPrompt prompt) {
    Statistics.collect(assertRoundTrip(prompt, Dialect.COMPEL));
  }

  /**
   * Whatever a parser makes of noisy text, every dialect that can write it reads it back the
   * same: term texts from real parses (escapes, odd characters) stress the renderer hardest.
   */
  @Property(tries = 20_000)
  void parsedTextTranslatesIntoEveryDialectThatCanWriteIt(@ForAll("noisyText") String text,
      @ForAll Dialect source) {
    WeightedPrompt prompt;
    try {
      prompt = PromptParser.parse(text, source);
    } catch (PromptSyntaxException e) {
      return;
    }
    for (var target : Dialect.values()) {
      Statistics.label(target.id()).collect(assertRoundTrip(prompt, target));
    }
  }

  /** Words with no syntax in them: every dialect can write those. */
  @Property(tries = 1000)
  void everyDialectWritesPlainWords(@ForAll("plainPrompts") WeightedPrompt prompt) {
    for (var dialect : Dialect.values()) {
      var text = PromptRenderer.render(prompt, dialect);
      assertThat(PromptParser.parse(text, dialect).sameTermsAs(prompt, 1e-6))
          .as("%s as %s: %s", prompt, dialect, text).isTrue();
    }
  }

  /**
   * Any text of up to 2,000 characters (and a little more, to cross the limit) either parses
   * into a prompt within the limits or is refused with a PromptSyntaxException pointing inside
   * the text; nothing else escapes. The text is mostly syntax, so the rules get exercised.
   */
  @Property(tries = 100_000)
  void anyTextParsesOrThrowsSyntaxError(@ForAll("noisyText") String text) {
    for (var dialect : Dialect.values()) {
      Statistics.label(dialect.id()).collect(check(text, dialect));
    }
    check(text, PromptParser.detect(text));
  }

  /** Checks one parse; says "parsed" or "refused" so the report shows both were exercised. */
  private static String check(String text, Dialect dialect) {
    try {
      var prompt = PromptParser.parse(text, dialect);
      assertThat(prompt.size()).isBetween(1, PromptParser.MAX_TERMS);
      assertThat(prompt.weightSum()).isPositive();
      for (var term : prompt.terms()) {
        assertThat(Math.abs(term.weight())).isLessThanOrEqualTo(100);
        assertThat(term.span().end()).isLessThanOrEqualTo(text.length());
        assertThat(term.text()).isEqualTo(TermText.clean(term.text()));
      }
      return "parsed";
    } catch (PromptSyntaxException e) {
      assertThat(e.offset()).isBetween(0, Math.max(text.length(), PromptParser.MAX_LENGTH));
      assertThat(e.line()).isPositive();
      assertThat(e.column()).isBetween(1, Math.max(text.length(), PromptParser.MAX_LENGTH) + 1);
      // The place the message names is the place the caret marks.
      assertThat(e.messageWithColumn()).contains("column " + e.column());
      assertThat(e.getMessage()).isNotBlank();
      assertThat(e.hint()).isNotBlank();
      return "refused";
    }
  }

  /** Says whether the dialect could express the prompt, for the statistics. */
  private static String assertRoundTrip(WeightedPrompt prompt, Dialect dialect) {
    String text;
    try {
      text = PromptRenderer.render(prompt, dialect);
    } catch (PromptRenderException cannotExpress) {
      return "cannot express"; // only prompts the dialect can express must survive the trip
    }
    var parsed = PromptParser.parse(text, dialect);
    assertThat(parsed.dialect()).isEqualTo(dialect);
    assertThat(parsed.sameTermsAs(prompt, 1e-6))
        .as("%s rendered as %s: %s, parsed %s", prompt.terms(), dialect, text, parsed.terms())
        .isTrue();
    return "round trip";
  }

  @Provide
  Arbitrary<WeightedPrompt> prompts() {
    var word = Arbitraries.oneOf(
        Arbitraries.of("apple", "tart", "red", "hat", "AND", "--no", "C++", "half-elf", "16:9",
            "::", "x:1.2", "a,", "(x)", "[y]", "\\", "-", "+", "2x", ":", "1.5"),
        Arbitraries.strings().withChars("abz09(),:[]\\+-. ").ofMinLength(1).ofMaxLength(6));
    return promptsOf(word);
  }

  @Provide
  Arbitrary<WeightedPrompt> plainPrompts() {
    return promptsOf(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8));
  }

  private static Arbitrary<WeightedPrompt> promptsOf(Arbitrary<String> word) {
    var text = word.list().ofMinSize(1).ofMaxSize(4)
        .map(words -> TermText.clean(String.join(" ", words)))
        .filter(t -> !t.isEmpty());
    var weight = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(1.0)),
        Tuple.of(1, Arbitraries.of(-0.5, 0.0, 1.1, 1.21, 1 / 1.1, 2.0, 100.0)),
        Tuple.of(4, Arbitraries.integers().between(-3000, 5000).map(i -> i / 1000.0)));
    var term = Combinators.combine(text, weight).as(Term::of);
    return term.list().ofMinSize(1).ofMaxSize(8)
        .filter(terms -> terms.stream().mapToDouble(Term::weight).sum() > 1e-9)
        .map(terms -> new WeightedPrompt(Dialect.MIDJOURNEY, terms));
  }

  @Provide
  Arbitrary<String> noisyText() {
    var syntax = Arbitraries.of("::", "::2", "::-.5", "::.5", "::2x", "::150", " --no ", "--no",
        "(", ")", "[", "]", "\\", "\\(", "\\)", ":", ":1.3", ":-1", " AND ", "AND", "+", "-", "++",
        ",", ", ", " ", "  ", ")1.3", ")-", ")+", ")2x", "1.5", ".", "0", "-0", "\t", "\n",
        "[", ":3]", ":0.5]", "::2]", "|", "BREAK", " BREAK ", "\"", "\\\"", ".attend(", ".attend(0.5)",
        ".swap(", ".blend()", ".blend(1,1)", ".and(2, 1)", "withLora(", "<lora:x:1>", " --seed 7",
        " --ar 16:9", "\u00A0", "\u3000", "😀", "9".repeat(400), "1e999", ":" + "9".repeat(40) + ")");
    var word = Arbitraries.of("apple", "tart", "red", "hat", "a", "x", "C", "é", "日本");
    // Any code point of any Unicode category, surrogate pairs and unpaired surrogates included.
    var anyChar = Arbitraries.oneOf(Arbitraries.chars().all().map(String::valueOf),
        Arbitraries.integers().between(0, Character.MAX_CODE_POINT).map(Character::toString));
    var token = Arbitraries.frequencyOf(
        Tuple.of(6, syntax), Tuple.of(3, word), Tuple.of(1, anyChar));
    var shortText = token.list().ofMaxSize(40).map(PromptParserProperties::join);
    var longText = token.list().ofMinSize(300).ofMaxSize(900).map(PromptParserProperties::join)
        .map(t -> t.length() > 2010 ? t.substring(0, 2010) : t);
    var termHeavy = Arbitraries.integers().between(60, 70)
        .map(n -> "a:: ".repeat(n));
    var open = Arbitraries.of("(", "[", "(\"", "[a|", "[a:", "((x:2)");
    var deep = Combinators.combine(open, Arbitraries.integers().between(40, 1990))
        .as((o, n) -> o.repeat(Math.max(1, n / o.length())) + "x");
    return Arbitraries.frequencyOf(
        Tuple.of(88, shortText), Tuple.of(9, longText), Tuple.of(1, termHeavy), Tuple.of(2, deep));
  }

  private static String join(List<String> tokens) {
    return String.join("", tokens);
  }
}
