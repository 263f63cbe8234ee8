package workbench.library.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.DownloadKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.UploadKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import workbench.KaribuTest;
import workbench.library.Library;
import workbench.library.LibraryService;
import workbench.library.PromptDraft;
import workbench.library.PromptSummary;
import workbench.library.PromptVersion;
import workbench.prompt.Dialect;

class LibraryViewsTest extends KaribuTest {

  @Autowired LibraryService service;

  @Test
  void createLibraryAddPromptEditTwiceSeeThreeVersionsAndADiff() {
    var name = "Hands " + UUID.randomUUID().toString().substring(0, 6);
    UI.getCurrent().navigate(LibrariesView.class);
    _click(_get(Button.class, spec -> spec.withId("new-library")));
    _setValue(_get(TextField.class, spec -> spec.withId("library-name")), name);
    _click(_get(Button.class, spec -> spec.withId("save-library")));

    var library = service.libraries(false).stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    Grid<Library> libraries = _get(Grid.class);
    assertThat(GridKt._size(libraries)).isGreaterThanOrEqualTo(1);

    UI.getCurrent().navigate(LibraryView.class, LibraryView.params(library.id()));
    _click(_get(Button.class, spec -> spec.withId("new-prompt")));
    _setValue(_get(TextField.class, spec -> spec.withId("prompt-title")), "five fingers");
    _setValue(_get(TextArea.class, spec -> spec.withId("prompt-text")), "a hand");
    _click(_get(Button.class, spec -> spec.withId("create-prompt")));

    // Creating navigates to the prompt page.
    var view = _get(PromptView.class);
    _setValue(_get(TextArea.class, spec -> spec.withClasses("prompt-text")), "a hand with five fingers");
    _click(_get(Button.class, spec -> spec.withId("save")));
    _setValue(_get(TextArea.class, spec -> spec.withClasses("prompt-text")), "a hand with five long fingers");
    _click(_get(Button.class, spec -> spec.withId("save")));

    assertThat(GridKt._size(view.versions)).isEqualTo(3);
    assertThat(GridKt._get(view.versions, 0)).extracting(PromptVersion::number).isEqualTo(3);
    assertThat(view.diffFrom.getValue()).isEqualTo(2);
    assertThat(view.diffTo.getValue()).isEqualTo(3);
    _assertOne(Span.class, spec -> spec.withClasses("diff-added").withText("long "));

    view.diffFrom.setValue(1);
    _assertOne(Span.class, spec -> spec.withClasses("diff-added").withText(" with five long fingers"));
  }

  @Test
  void aRefusedSaveKeepsTheTypedText() {
    var library = service.createLibrary("Keep " + UUID.randomUUID().toString().substring(0, 6), "");
    var prompt = service.createPrompt(library.id(), PromptDraft.of("p", "apple"));
    UI.getCurrent().navigate(PromptView.class, PromptView.params(prompt.id()));
    _setValue(_get(TextField.class, spec -> spec.withId("title")), " ");
    _setValue(_get(TextArea.class, spec -> spec.withClasses("prompt-text")), "my long careful prompt");
    _click(_get(Button.class, spec -> spec.withId("save")));

    var title = _get(TextField.class, spec -> spec.withId("title"));
    assertThat(title.isInvalid()).isTrue();
    assertThat(title.getErrorMessage()).isEqualTo("Title is empty");
    assertThat(_get(TextArea.class, spec -> spec.withClasses("prompt-text")).getValue()).isEqualTo("my long careful prompt");
    assertThat(service.prompt(prompt.id()).versions()).hasSize(1);
  }

  @Test
  void aPromptSyntaxErrorIsRefusedWithItsColumnAndTheTextKept() {
    var library = service.createLibrary("Syntax " + UUID.randomUUID().toString().substring(0, 6), "");
    var prompt = service.createPrompt(library.id(), PromptDraft.of("p", "apple"));
    UI.getCurrent().navigate(PromptView.class, PromptView.params(prompt.id()));
    _setValue(_get(TextArea.class, spec -> spec.withClasses("prompt-text")), "apple:: tart::2x");
    _click(_get(Button.class, spec -> spec.withId("save")));

    assertThat(_get(Span.class, spec -> spec.withId("text-error")).getText())
        .contains("'2x'").contains("column 15");
    assertThat(_get(TextArea.class, spec -> spec.withClasses("prompt-text")).getValue()).isEqualTo("apple:: tart::2x");
    assertThat(service.prompt(prompt.id()).versions()).hasSize(1);
  }

  @Test
  void savingStoresTheParsedTermsNextToTheText() {
    var library = service.createLibrary("Terms " + UUID.randomUUID().toString().substring(0, 6), "");
    var prompt = service.createPrompt(library.id(), PromptDraft.of("p", "apple"));
    UI.getCurrent().navigate(PromptView.class, PromptView.params(prompt.id()));
    _setValue(_get(TextArea.class, spec -> spec.withClasses("prompt-text")), "apple:: tart::2");
    _click(_get(Button.class, spec -> spec.withId("save")));

    var latest = service.prompt(prompt.id()).latest();
    assertThat(latest.text()).isEqualTo("apple:: tart::2");
    assertThat(latest.dialect()).isEqualTo("midjourney");
    assertThat(latest.termsJson()).startsWith(
        "{\"dialect\":\"midjourney\",\"terms\":[{\"text\":\"apple\",\"weight\":1.0");
  }

  @Test
  void notesAreRenderedAsMarkdown() {
    var library = service.createLibrary("Notes " + UUID.randomUUID().toString().substring(0, 6), "");
    var prompt = service.createPrompt(library.id(),
        new PromptDraft("p", "apple", "", List.of(), "**bold** <script>x</script>"));
    UI.getCurrent().navigate(PromptView.class, PromptView.params(prompt.id()));
    var html = _get(Html.class).getInnerHtml();
    assertThat(html).contains("<strong>bold</strong>").doesNotContain("<script>");
  }

  @Test
  void aBadImportShowsTheErrorAndImportsNothing() {
    int before = service.libraries(true).size();
    UI.getCurrent().navigate(LibrariesView.class);
    _click(_get(Button.class, spec -> spec.withId("import-library")));
    var upload = _get(Upload.class);
    UploadKt._upload(upload, "styles.csv", "text/csv",
        "name,prompt,negative_prompt\nA,b,c\n,c,d\n".getBytes(StandardCharsets.UTF_8));
    MockVaadin.clientRoundtrip();

    var error = _get(Paragraph.class, spec -> spec.withId("import-error"));
    assertThat(error.isVisible()).isTrue();
    // A short row is fine (A1111 reads it); a style without a name is not.
    assertThat(error.getText()).contains("styles.csv").contains("Row 3, column 1 (name)");
    assertThat(service.libraries(true)).hasSize(before);
  }

  @Test
  void aGoodStylesCsvImportAppearsInTheList() {
    var name = "Styles " + UUID.randomUUID().toString().substring(0, 6);
    UI.getCurrent().navigate(LibrariesView.class);
    _click(_get(Button.class, spec -> spec.withId("import-library")));
    _setValue(_get(TextField.class, spec -> spec.withLabel("Library name (for styles.csv)")), name);
    UploadKt._upload(_get(Upload.class), "styles.csv", "text/csv",
        "name,prompt,negative_prompt\nInk,\"ink drawing, {prompt}\",colour\n".getBytes(StandardCharsets.UTF_8));
    MockVaadin.clientRoundtrip();

    assertThat(service.libraries(false)).extracting(Library::name).contains(name);
  }

  @Test
  void theExportMenuOffersStylesCsvAndAStyleIsAppliedToThePromptAsA1111Does() throws Exception {
    var file = "name,prompt,negative_prompt\r\nCinematic,\"cinematic still of {prompt}, film grain\",\"cartoon, drawing\"\r\n"
        + "Moody,\"dark, moody\",\r\n";
    var styles = service.importStylesCsv("Styles " + UUID.randomUUID().toString().substring(0, 6),
        new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8))).library();
    UI.getCurrent().navigate(LibraryView.class, LibraryView.params(styles.id()));
    var csv = exportItem("export-styles-csv");
    assertThat(csv.getText()).contains("styles.csv");
    assertThat(new String(DownloadKt._download(csv), StandardCharsets.UTF_8))
        .as("A1111's bytes: BOM, CRLF, the file's order").isEqualTo("\uFEFF" + file);
    assertThat(exportItem("export-json").getText()).contains("JSON");

    var library = service.createLibrary("Styled " + UUID.randomUUID().toString().substring(0, 6), "");
    var prompt = service.createPrompt(library.id(),
        new PromptDraft("cat", "a cat", "blurry", List.of(), "", "a1111"));
    UI.getCurrent().navigate(PromptView.class, PromptView.params(prompt.id()));
    var view = _get(PromptView.class);
    @SuppressWarnings("unchecked")
    ComboBox<PromptSummary> style =
        _get(ComboBox.class, spec -> spec.withId("style"));
    var offered = style.getListDataView().getItems().filter(s -> s.libraryId() == styles.id()).toList();
    assertThat(offered).extracting(PromptSummary::title).containsExactly("Cinematic", "Moody");
    var apply = _get(Button.class, spec -> spec.withId("apply-style"));
    assertThat(apply.isEnabled()).as("nothing chosen yet").isFalse();

    // {prompt} in the style takes the prompt; a negative prompt without it is added after ", ".
    _setValue(style, offered.get(0));
    _click(apply);
    assertThat(view.text.getValue()).isEqualTo("cinematic still of a cat, film grain");
    assertThat(view.negative.getValue()).isEqualTo("blurry, cartoon, drawing");
    assertThat(view.text.dialect()).isEqualTo(Dialect.A1111);
    // A style without {prompt} is appended; an empty negative prompt leaves it as it is.
    _setValue(style, offered.get(1));
    _click(apply);
    assertThat(view.text.getValue()).isEqualTo("cinematic still of a cat, film grain, dark, moody");
    assertThat(view.negative.getValue()).isEqualTo("blurry, cartoon, drawing");
    assertThat(service.prompt(prompt.id()).versions()).as("applying saves nothing").hasSize(1);

    _click(_get(Button.class, spec -> spec.withId("save")));
    var saved = service.prompt(prompt.id()).latest();
    assertThat(saved.text()).isEqualTo("cinematic still of a cat, film grain, dark, moody");
    assertThat(saved.negativeText()).isEqualTo("blurry, cartoon, drawing");
    assertThat(saved.dialect()).isEqualTo("a1111");
  }

  /** An item of the library page's export menu (a download link inside the menu bar's sub-menu). */
  private static Anchor exportItem(String id) {
    var found = LocatorJ._find(Anchor.class,
        spec -> spec.withId(id));
    if (!found.isEmpty()) {
      return found.get(0);
    }
    var menu = _get(MenuBar.class, spec -> spec.withId("export-menu"));
    return menu.getItems().get(0).getSubMenu().getItems().stream().flatMap(Component::getChildren)
        .filter(c -> c.getId().orElse("").equals(id)).map(Anchor.class::cast)
        .findFirst().orElseThrow(() -> new AssertionError("no " + id + " in the export menu"));
  }

  @Test
  void searchFindsPromptsFromEveryLibrary() {
    var marker = "srch" + UUID.randomUUID().toString().substring(0, 6);
    var library = service.createLibrary("Search " + marker, "");
    service.createPrompt(library.id(), PromptDraft.of("found", "a " + marker));
    UI.getCurrent().navigate(PromptSearchView.class);
    _setValue(_get(TextField.class, spec -> spec.withId("search")), marker);
    var view = _get(PromptSearchView.class);
    assertThat(GridKt._size(view.results)).isEqualTo(1);
    assertThat(GridKt._get(view.results, 0).title()).isEqualTo("found");
  }
}
