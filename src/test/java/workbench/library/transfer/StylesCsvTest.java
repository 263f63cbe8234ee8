package workbench.library.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbench.library.ImportException;

/** styles.csv read as A1111's csv.DictReader(skipinitialspace=True) reads it, written as A1111 saves it. */
class StylesCsvTest {

  static LibraryDocument read(String csv) {
    return StylesCsv.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 1 << 20, "styles", "me");
  }

  @Test
  void stylesKeepTheirOrderAndTheA1111Dialect() {
    var doc = read("name,prompt,negative_prompt\nZebra,zebra stripes,\nApple,\"red apple, {prompt}\",blurry\n");
    assertThat(doc.prompts()).extracting(LibraryDocument.PromptDocument::title).containsExactly("Zebra", "Apple");
    assertThat(doc.prompts()).allSatisfy(p -> assertThat(p.versions().get(0).dialect()).isEqualTo("a1111"));
    assertThat(doc.prompts().get(1).versions().get(0).text()).isEqualTo("red apple, {prompt}");
  }

  @Test
  void theOlderTextColumnAndColumnsInAnyOrderAreRead() {
    var doc = read("negative_prompt,text,name\nblurry,red apple,Apple\n");
    var v = doc.prompts().get(0).versions().get(0);
    assertThat(doc.prompts().get(0).title()).isEqualTo("Apple");
    assertThat(v.text()).isEqualTo("red apple");
    assertThat(v.negativeText()).isEqualTo("blurry");
  }

  @Test
  void aHeaderWithoutANameIsRefusedSayingWhatIsNeeded() {
    assertThatThrownBy(() -> read("title,prompt\nA,b\n"))
        .isInstanceOf(ImportException.class)
        .hasMessage("Row 1 (header) is 'title,prompt'; a styles.csv has the columns name,prompt,negative_prompt"
            + " (a \"name\" and a \"prompt\" or \"negative_prompt\" at least)");
  }

  @Test
  void onlyDividersIsNoStyles() {
    assertThatThrownBy(() -> read("name,prompt,negative_prompt\n>>> Photo <<<,,\n"))
        .hasMessageStartingWith("The CSV file has a header but no styles");
  }

  @Test
  void writtenAsA1111SavesIt() {
    var bytes = StylesCsv.write(List.of(new StylesCsv.Style("Quote \"q\"", "a, b", "line\nbreak"),
        new StylesCsv.Style("Plain", "x", "")));
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(
        "\uFEFFname,prompt,negative_prompt\r\n\"Quote \"\"q\"\"\",\"a, b\",\"line\nbreak\"\r\nPlain,x,\r\n");
    var back = StylesCsv.read(new ByteArrayInputStream(bytes), 1 << 20, "s", "me");
    assertThat(back.prompts().get(0).title()).isEqualTo("Quote \"q\"");
    assertThat(back.prompts().get(0).versions().get(0).negativeText()).isEqualTo("line\nbreak");
  }

  /** A1111's modules/styles.py merge_prompts, case by case. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      watercolour painting of {prompt}, soft | an apple    | watercolour painting of an apple, soft
      {prompt}, and again {prompt}           | cat         | cat, and again cat
      watercolour, soft                      | an apple    | an apple, watercolour, soft
      watercolour                            | '  '        | watercolour
      '  '                                   | an apple    | an apple
      """)
  void applyingAStyleIsA1111s(String style, String prompt, String expected) {
    assertThat(StylesCsv.apply(style, prompt)).isEqualTo(expected);
  }
}
