package workbench.library.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import workbench.library.DiffSegment;
import workbench.library.LibraryInputException;
import workbench.library.LibraryLimits;
import workbench.library.LibraryService;
import workbench.library.Prompt;
import workbench.library.PromptDraft;
import workbench.library.PromptSummary;
import workbench.library.PromptVersion;
import workbench.library.transfer.StylesCsv;
import workbench.prompt.Dialect;
import workbench.shared.Timestamps;
import workbench.ui.Markdown;
import workbench.ui.Notifications;
import workbench.ui.prompt.WeightedPromptEditor;

/**
 * A prompt: edit title, tags, text and notes; every save of a changed text adds a version;
 * the versions are listed and any two can be diffed word by word.
 */
@Route("prompts/:promptId")
@PermitAll
public class PromptView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

  private final LibraryService service;
  private final H2 heading = new H2();
  private final RouterLink libraryLink = new RouterLink();
  final TextField title = new TextField("Title");
  final TextField tags = new TextField("Tags");
  final WeightedPromptEditor text = new WeightedPromptEditor();
  final Span textError = new Span();
  final TextArea negative = new TextArea("Negative prompt");
  final TextArea notes = new TextArea("Notes (Markdown)");
  final ComboBox<PromptSummary> style = new ComboBox<>("A1111 style");
  final Button applyStyle = new Button("Apply style", e -> applyStyle());
  private final Div notesPreview = new Div();
  final Grid<PromptVersion> versions = new Grid<>(PromptVersion.class, false);
  final Select<Integer> diffFrom = new Select<>();
  final Select<Integer> diffTo = new Select<>();
  final Div diff = new Div();
  private long promptId;
  private String pageTitle = "Prompt";

  /** Who is signed in: editors see the buttons that change things (the services refuse the rest anyway). */
  private final AuthenticationContext authentication;

  public PromptView(LibraryService service, AuthenticationContext authentication) {
    this.authentication = authentication;
    this.service = service;
    title.setMaxLength(LibraryLimits.TITLE);
    title.setId("title");
    tags.setHelperText("comma separated, e.g. hands, watercolour");
    tags.setId("tags");
    text.setId("text");
    textError.addClassName("field-error");
    textError.setId("text-error");
    negative.setMaxLength(LibraryLimits.NEGATIVE_TEXT);
    negative.setId("negative");
    notes.setMaxLength(LibraryLimits.NOTES);
    notes.setValueChangeMode(ValueChangeMode.LAZY);
    notes.addValueChangeListener(e -> renderNotes());
    notes.setId("notes");
    notesPreview.addClassName("notes-preview");
    style.setId("style");
    style.setItemLabelGenerator(s -> s.title() + " · " + s.libraryName());
    style.setHelperText("From an imported styles.csv (or any prompt tagged " + StylesCsv.TAG
        + "): {prompt} in the style becomes your prompt, or the style is added after a comma; the negative prompt"
        + " likewise. Save to keep it.");
    style.setClearButtonVisible(true);
    style.addValueChangeListener(e -> applyStyle.setEnabled(e.getValue() != null));
    applyStyle.setId("apply-style");
    applyStyle.setEnabled(false);
    var styleRow = new HorizontalLayout(style, applyStyle);
    styleRow.setAlignItems(Alignment.BASELINE);
    styleRow.setVisible(authentication.hasRole("EDITOR"));
    var form = new FormLayout(title, tags, text, textError, negative, styleRow, notes);
    form.setColspan(text, 2);
    form.setColspan(textError, 2);
    form.setColspan(negative, 2);
    form.setColspan(styleRow, 2);
    form.setColspan(notes, 2);
    var save = new Button("Save", e -> save());
    save.setTooltipText("Saving a changed text makes a new version; older ones are kept.");
    save.setId("save");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    save.setVisible(authentication.hasRole("EDITOR"));

    versions.addColumn(PromptVersion::number).setHeader("#").setAutoWidth(true).setFlexGrow(0);
    versions.addColumn(v -> Timestamps.LOCAL_MINUTES.format(v.createdAt())).setHeader("Saved").setAutoWidth(true).setFlexGrow(0);
    versions.addColumn(PromptVersion::author).setHeader("Author").setAutoWidth(true).setFlexGrow(0);
    versions.addColumn(PromptVersion::text).setHeader("Text").setFlexGrow(1);
    versions.setAllRowsVisible(true);
    versions.setId("versions");

    diffFrom.setLabel("From version");
    diffTo.setLabel("To version");
    diffFrom.addValueChangeListener(e -> showDiff());
    diffTo.addValueChangeListener(e -> showDiff());
    diff.addClassName("version-diff");
    diff.setId("diff");

    // Editing on the left, the history beside it: the diff is visible while typing.
    var editor = new VerticalLayout(heading, libraryLink, form, save, notesPreview);
    editor.setPadding(false);
    var history = new VerticalLayout(new H3("Versions"), versions, new H3("Compare versions"),
        new HorizontalLayout(diffFrom, diffTo), diff);
    history.setPadding(false);
    history.addClassName("prompt-history");
    var columns = new HorizontalLayout(editor, history);
    columns.setWidthFull();
    columns.setFlexGrow(3, editor);
    columns.setFlexGrow(2, history);
    columns.addClassName("prompt-columns");
    add(columns);
  }

  public static RouteParameters params(long promptId) {
    return new RouteParameters("promptId", String.valueOf(promptId));
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    var id = event.getRouteParameters().getLong("promptId");
    try {
      show(service.prompt(id.orElseThrow(() -> new workbench.library.NotFoundException("prompt"))), true);
    } catch (workbench.library.NotFoundException e) {
      event.rerouteToError(NotFoundException.class, "That prompt does not exist (any more).");
    }
  }

  private void show(Prompt prompt, boolean fillForm) {
    promptId = prompt.id();
    pageTitle = prompt.title() + " · Prompt Workbench";
    heading.setText(prompt.title());
    libraryLink.setText("← " + prompt.libraryName());
    libraryLink.setRoute(LibraryView.class, LibraryView.params(prompt.libraryId()));
    if (fillForm) {
      title.setValue(prompt.title());
      tags.setValue(String.join(", ", prompt.tags()));
      text.setValue(prompt.latest().text());
      negative.setValue(prompt.latest().negativeText());
      notes.setValue(prompt.notes());
    }
    renderNotes();
    if (fillForm) {
      style.setItems(service.styles());
    }
    var newestFirst = new ArrayList<>(prompt.versions());
    Collections.reverse(newestFirst);
    versions.setItems(newestFirst);
    var numbers = prompt.versions().stream().map(PromptVersion::number).toList();
    diffFrom.setItems(numbers);
    diffTo.setItems(numbers);
    if (numbers.size() >= 2) {
      diffFrom.setValue(numbers.get(numbers.size() - 2));
      diffTo.setValue(numbers.get(numbers.size() - 1));
    } else {
      diff.removeAll();
    }
  }

  void save() {
    clearErrors();
    var draft =
        new PromptDraft(
            title.getValue(),
            text.getValue(),
            negative.getValue(),
            Arrays.stream(tags.getValue().split(",")).toList(),
            notes.getValue(),
            text.dialect().id());
    try {
      var before = service.prompt(promptId).versions().size();
      var saved = service.savePrompt(promptId, draft);
      show(saved, false);
      Notifications.success(
          saved.versions().size() > before
              ? "Saved as version " + saved.latest().number()
              : "Saved (text unchanged, no new version)");
    } catch (LibraryInputException e) {
      // What was typed stays in the fields; only the message is added.
      var field =
          switch (e.field()) {
            case "title" -> title;
            case "tags" -> tags;
            default -> null;
          };
      var area =
          switch (e.field()) {
            case "negativeText" -> negative;
            case "notes" -> notes;
            default -> null;
          };
      if (e.field().equals("text") || e.field().equals("dialect")) {
        textError.setText(e.getMessage());
      } else if (field != null) {
        field.setErrorMessage(e.getMessage());
        field.setInvalid(true);
      } else if (area != null) {
        area.setErrorMessage(e.getMessage());
        area.setInvalid(true);
      }
      Notifications.error(e.getMessage());
    }
  }

  /** A1111's "apply style to prompt": the chosen style merged into the text and negative prompt as they stand. */
  void applyStyle() {
    var chosen = style.getValue();
    if (chosen == null) {
      return;
    }
    var styled = service.applyStyle(chosen.id(), text.getValue(), negative.getValue());
    if (styled.dialect().isBlank()) {
      text.setValue(styled.text());
    } else {
      text.setValue(styled.text(), Dialect.fromId(styled.dialect()));
    }
    negative.setValue(styled.negativeText());
    Notifications.success("Style '" + chosen.title() + "' applied: save to keep it");
  }

  private void clearErrors() {
    List.of(title, tags).forEach(f -> f.setInvalid(false));
    List.of(negative, notes).forEach(f -> f.setInvalid(false));
    textError.setText("");
  }

  private void renderNotes() {
    notesPreview.removeAll();
    if (!notes.getValue().isBlank()) {
      notesPreview.add(Markdown.component(notes.getValue()));
    }
  }

  private void showDiff() {
    diff.removeAll();
    if (diffFrom.getValue() == null || diffTo.getValue() == null) {
      return;
    }
    for (DiffSegment segment : service.diff(promptId, diffFrom.getValue(), diffTo.getValue())) {
      var span = new Span(segment.text());
      span.addClassName("diff-" + segment.kind().name().toLowerCase(Locale.ROOT));
      diff.add(span);
    }
  }

  @Override
  public String getPageTitle() {
    return pageTitle;
  }
}
