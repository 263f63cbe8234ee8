package workbench.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromptJsonTest {

  @Test
  void writesDialectThenTermsWithTextAndWeightFirst() {
    var json = PromptJson.write(PromptParser.parse("apple:: tart::2"));
    assertThat(json).startsWith(
        "{\"dialect\":\"midjourney\",\"terms\":[{\"text\":\"apple\",\"weight\":1.0,");
    assertThat(json).contains("{\"text\":\"tart\",\"weight\":2.0,");
    assertThat(json).contains("\"normalisedWeight\":0.6666666666666666");
    assertThat(json).contains("\"span\":{\"start\":8,\"end\":12}");
  }

  @Test
  void escapesQuotesAndBackslashesInText() {
    var json = PromptJson.write(PromptParser.parse("a \"quoted\" \\(word\\)", Dialect.A1111));
    assertThat(json).contains("\"text\":\"a \\\"quoted\\\" (word)\"");
  }

  @Test
  void readsBackWhatItWrote() {
    var prompt = PromptParser.parse("a cat, (red hat:1.3) AND dog :0.5", Dialect.A1111);
    assertThat(PromptJson.read(PromptJson.write(prompt))).isEqualTo(prompt);
  }

  @Test
  void readsTheMinimalForm() {
    var prompt = PromptJson.read(
        "{\"dialect\":\"compel\",\"terms\":[{\"text\":\"red hat\",\"weight\":1.3}]}");
    assertThat(prompt).isEqualTo(WeightedPrompt.of(Dialect.COMPEL, Term.of("red hat", 1.3)));
  }

  @Test
  void rejectsJsonThatIsNotAPrompt() {
    assertThatThrownBy(() -> PromptJson.read("{\"terms\":[]}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dialect");
    assertThatThrownBy(() -> PromptJson.read("{"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
