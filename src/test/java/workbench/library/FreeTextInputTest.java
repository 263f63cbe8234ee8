package workbench.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.DatabaseTest;
import workbench.account.SignIn;
import workbench.grid.GridService;
import workbench.grid.InvalidExperimentException;
import workbench.loop.InvalidRecipeException;
import workbench.loop.RecipeFactory;
import workbench.run.GenerationService;

/**
 * Bad text at every entry point is refused with the field and the place, before anything is
 * saved (issue 16, findings 6, 9 and 10): NUL characters and lone surrogates, grid notes
 * beyond the limit on create, grid files without a definition, with fractional steps or
 * not in UTF-8, and library files whose dialect, author or date cannot be trusted (imported
 * versions are the importer's, with what the file claimed kept as provenance).
 */
class FreeTextInputTest extends DatabaseTest {

  @Autowired LibraryService libraries;
  @Autowired GridService grids;
  @Autowired GenerationService generation;
  @Autowired JdbcClient jdbc;

  @Test
  void nulAndLoneSurrogatesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> libraries.createLibrary("nul\0name", ""))
        .isInstanceOf(LibraryInputException.class).hasMessageContaining("NUL character at position 4")
        .extracting(e -> ((LibraryInputException) e).field()).isEqualTo("name");
    var library = libraries.createLibrary(unique("Text"), "");
    assertThatThrownBy(() -> libraries.createPrompt(library.id(), PromptDraft.of("apple", "a red\0 apple")))
        .isInstanceOf(LibraryInputException.class).hasMessageContaining("Prompt text contains a NUL");
    assertThatThrownBy(() -> libraries.createPrompt(library.id(),
            new PromptDraft("apple", "a red apple", "", List.of("ok", "b\0d"), "", "")))
        .isInstanceOf(LibraryInputException.class).hasMessageContaining("NUL");
    assertThatThrownBy(() -> libraries.createPrompt(library.id(),
            new PromptDraft("apple", "a red apple", "", List.of(), "half \uD83D of a smile", "")))
        .isInstanceOf(LibraryInputException.class).hasMessageContaining("Notes contains half of a character")
        .hasMessageContaining("position 6");
    assertThatThrownBy(() -> libraries.createPrompt(library.id(), PromptDraft.of("lone \uDC00", "a red apple")))
        .isInstanceOf(LibraryInputException.class).hasMessageContaining("Title contains half of a character");
    assertThat(libraries.prompts(library.id())).as("nothing half saved").isEmpty();
    assertThat(libraries.createPrompt(library.id(), PromptDraft.of("smile \uD83D\uDE00", "a red apple")).title())
        .as("a whole pair is a character").isEqualTo("smile \uD83D\uDE00");

    assertThatThrownBy(() -> generation.recipe(new RecipeFactory.Request("a red\0apple", "", 1, 1, "guided", 1, "")))
        .isInstanceOf(InvalidRecipeException.class).hasMessageContaining("The prompt contains a NUL");
    assertThatThrownBy(() -> generation.recipe(new RecipeFactory.Request("a red apple", "", 1, 1, "diffusion", 1, "")
        .withGuidance("dark\0night", null)))
        .isInstanceOfSatisfying(InvalidRecipeException.class, e -> assertThat(e.field()).isEqualTo("negativePrompt"))
        .hasMessageContaining("The negative prompt contains a NUL character at position 5");
  }

  @Test
  void gridNotesHaveTheirLimitOnCreateToo() {
    var tooLong = "n".repeat(20_001);
    assertThatThrownBy(() -> grids.importJson(gridFile(tooLong, "1")))
        .isInstanceOf(InvalidExperimentException.class).hasMessageContaining("Notes is 20001 characters long");
    assertThatThrownBy(() -> grids.importJson(gridFile("nul\0", "1")))
        .isInstanceOf(InvalidExperimentException.class).hasMessageContaining("Notes contains a NUL");
  }

  @Test
  void gridFilesAreReadStrictly() {
    assertThatThrownBy(() -> grids.importJson("{\"format\": \"prompt-workbench-experiment\", \"formatVersion\": 1}"))
        .isInstanceOf(InvalidExperimentException.class).hasMessageContaining("no \"definition\"");
    assertThatThrownBy(() -> grids.importJson(gridFile("", "1.5")))
        .isInstanceOf(InvalidExperimentException.class).hasMessageContaining("Not a valid experiment file");
    var latin1 = gridFile("caf\u00e9", "1").getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> grids.importJson(latin1))
        .isInstanceOf(InvalidExperimentException.class).hasMessageContaining("not UTF-8");
  }

  @Test
  void libraryImportsCheckDialectAndAuthorAndKeepClaimsAsProvenance() {
    var name = unique("Imported");
    assertImportRefused(libraryFile(name, "bogus", "admin"), "Dialect 'bogus' is not one of");
    assertImportRefused(libraryFile(name, "", "a".repeat(81)), "Author is 81 characters long");
    assertImportRefused(libraryFile(name, "", "ad\0min"), "Author contains a NUL");
    assertImportRefused(libraryFile("nul\0lib", "", "admin"), "NUL");
    assertThat(libraries.libraries(true)).extracting(Library::name).doesNotContain(name);

    var imported = libraries.importJson(stream(libraryFile(name, "midjourney", "admin")));
    var prompt = libraries.prompt(libraries.prompts(imported.library().id()).get(0).id());
    assertThat(prompt.latest().author()).as("authored by the importer").isEqualTo("tester");
    assertThat(prompt.latest().createdAt()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(prompt.latest().termsJson()).as("parsed here, not taken from the file").contains("a red apple")
        .doesNotContain("forged");
    var provenance = jdbc.sql("select imported_author || ' ' || imported_at from prompt_version where id = ?")
        .params(prompt.latest().id()).query(String.class).single();
    assertThat(provenance).startsWith("admin 1970-01-01");
  }

  private void assertImportRefused(String file, String message) {
    assertThatThrownBy(() -> libraries.importJson(stream(file)))
        .isInstanceOf(ImportException.class).hasMessageContaining(message).hasMessageContaining("Nothing was imported");
  }

  private static String libraryFile(String name, String dialect, String author) {
    return """
        {"format":"prompt-workbench-library","formatVersion":1,"name":"%s","description":"",
         "prompts":[{"title":"apple","tags":[],"notes":"","versions":[{"number":1,"text":"a red apple::",
          "negativeText":"","dialect":"%s","termsJson":"[{\\"text\\":\\"forged\\"}]","author":"%s",
          "createdAt":"1970-01-01T00:00:00Z"}]}]}""".formatted(json(name), json(dialect), json(author));
  }

  private static String gridFile(String notes, String steps) {
    return """
        {"format": "prompt-workbench-experiment", "formatVersion": 1, "definition": {
          "title": "imported", "notes": "%s", "steps": %s, "process": "guided", "upscale": 1, "model": "",
          "variants": [{"label": "A", "prompt": "a red apple", "dialect": "", "promptVersionId": 0},
                       {"label": "B", "prompt": "a blue apple", "dialect": "", "promptVersionId": 0}],
          "seeds": [1], "probes": [], "axis": {"kind": "NONE", "term": "", "values": []}}}""".formatted(json(notes), steps);
  }

  private static String json(String s) {
    return s.replace("\0", "\\u0000");
  }

  private static ByteArrayInputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String unique(String name) {
    return SignIn.unique(name);
  }
}
