package workbench.gallery.ui;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;
import workbench.gallery.GalleryFilter;
import workbench.gallery.GalleryService;
import workbench.gallery.GallerySort;
import workbench.library.Library;
import workbench.library.LibraryService;
import workbench.library.PromptSummary;

/**
 * The gallery's filters: prompt text, term, library and prompt, seed, process, model, score
 * range, dates, favourites; and the sort. Every change fires a {@link FilterChangedEvent}.
 */
public class GalleryFilterBar extends Composite<FlexLayout> {

  final TextField text = new TextField("Prompt text");
  final TextField term = new TextField("Term");
  final ComboBox<Library> library = new ComboBox<>("Library");
  final ComboBox<PromptSummary> prompt = new ComboBox<>("Prompt");
  final TextField seed = new TextField("Seed");
  final Select<String> process = new Select<>();
  final Select<String> model = new Select<>();
  final NumberField minScore = new NumberField("Score from");
  final NumberField maxScore = new NumberField("to");
  final DatePicker from = new DatePicker("Made from");
  final DatePicker to = new DatePicker("until");
  final Checkbox starred = new Checkbox("Favourites only");
  final Select<GallerySort> sort = new Select<>();

  public GalleryFilterBar(GalleryService gallery, LibraryService libraries) {
    var bar = getContent();
    bar.addClassName("gallery-filters");
    bar.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    bar.setAlignItems(FlexComponent.Alignment.BASELINE);

    for (var field : List.of(text, term, seed)) {
      field.setClearButtonVisible(true);
      field.setValueChangeMode(ValueChangeMode.LAZY);
    }
    text.setId("filter-text");
    term.setId("filter-term");
    term.setHelperText("a whole word of a term");
    seed.setId("filter-seed");
    seed.setAllowedCharPattern("[0-9]");
    seed.setWidth("9em");
    library.setId("filter-library");
    library.setItems(libraries.libraries(true));
    library.setItemLabelGenerator(Library::name);
    library.setClearButtonVisible(true);
    prompt.setId("filter-prompt");
    prompt.setItemLabelGenerator(PromptSummary::title);
    prompt.setClearButtonVisible(true);
    prompt.setEnabled(false);
    library.addValueChangeListener(e -> {
      prompt.clear();
      prompt.setEnabled(e.getValue() != null);
      prompt.setItems(e.getValue() == null ? List.of() : libraries.prompts(e.getValue().id()));
    });
    process.setId("filter-process");
    process.setLabel("Process");
    process.setItems(withAny(gallery.processes()));
    process.setItemLabelGenerator(p -> p.isEmpty() ? "any" : p);
    process.setValue("");
    model.setId("filter-model");
    model.setLabel("Model");
    model.setItems(withAny(gallery.models()));
    model.setItemLabelGenerator(m -> m.isEmpty() ? "any" : m);
    model.setValue("");
    for (var score : List.of(minScore, maxScore)) {
      score.setMin(0);
      score.setMax(100);
      score.setWidth("7em");
      score.setClearButtonVisible(true);
    }
    minScore.setId("filter-min-score");
    maxScore.setId("filter-max-score");
    from.setId("filter-from");
    to.setId("filter-to");
    starred.setId("filter-starred");
    sort.setId("gallery-sort");
    sort.setLabel("Sort");
    sort.setItems(GallerySort.values());
    sort.setItemLabelGenerator(GallerySort::label);
    sort.setValue(GallerySort.NEWEST);
    var reset = new Button("Clear filters", e -> clear());
    reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

    bar.add(text, term, library, prompt, seed, process, model, minScore, maxScore, from, to, starred, sort, reset);
    List<HasValue<?, ?>> fields = List.of(text, term, library, prompt, seed, process, model, minScore, maxScore, from, to,
        starred, sort);
    fields.forEach(f -> f.addValueChangeListener(e -> fireChanged()));
  }

  public GalleryFilter filter() {
    var f = GalleryFilter.all()
        .withText(text.getValue())
        .withTerm(term.getValue())
        .withLibrary(library.getValue() == null ? 0 : library.getValue().id(), prompt.getValue() == null ? 0 : prompt.getValue().id())
        .withProcess(process.getValue() == null ? "" : process.getValue())
        .withModel(model.getValue() == null ? "" : model.getValue())
        .withScores(minScore.getValue() == null ? 0 : minScore.getValue(), maxScore.getValue() == null ? 100 : maxScore.getValue())
        .withDates(from.getValue() == null ? GalleryFilter.NO_START : from.getValue(),
            to.getValue() == null ? GalleryFilter.NO_END : to.getValue())
        .withStarredOnly(starred.getValue());
    try {
      return seed.getValue().isBlank() ? f : f.withSeed(Long.parseLong(seed.getValue().strip()));
    } catch (NumberFormatException e) {
      return f.withSeed(Long.MAX_VALUE); // matches nothing, as a seed that long cannot exist
    }
  }

  public GallerySort sort() {
    return sort.getValue() == null ? GallerySort.NEWEST : sort.getValue();
  }

  public Registration addFilterChangedListener(ComponentEventListener<FilterChangedEvent> listener) {
    return addListener(FilterChangedEvent.class, listener);
  }

  private boolean clearing;

  private void clear() {
    clearing = true;
    try {
      List.<AbstractField<?, ?>>of(text, term, seed, minScore, maxScore, from, to, library, prompt).forEach(HasValue::clear);
      process.setValue("");
      model.setValue("");
      starred.setValue(false);
    } finally {
      clearing = false;
    }
    fireChanged();
  }

  private void fireChanged() {
    if (!clearing) {
      fireEvent(new FilterChangedEvent(this, filter(), sort()));
    }
  }

  private static List<String> withAny(List<String> values) {
    var all = new ArrayList<String>();
    all.add("");
    all.addAll(values);
    return all;
  }
}
