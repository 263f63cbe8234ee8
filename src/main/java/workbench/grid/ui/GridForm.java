package workbench.grid.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import workbench.grid.ExperimentDefinition.Axis;
import workbench.grid.ExperimentDefinition;
import workbench.grid.GridService;
import workbench.grid.InvalidExperimentException;
import workbench.library.LibraryService;
import workbench.library.PromptSummary;
import workbench.loop.ArtProcesses;
import workbench.loop.RecipeFactory;
import workbench.prompt.PromptSyntaxException;
import workbench.run.ModelChoice;
import workbench.ui.prompt.WeightedPromptEditor;

/**
 * Defines a grid: rows of prompt variants (typed in the weighted editor or taken from a
 * library version), the seeds every row shares, measured terms, an optional third axis and
 * the fixed settings. Refusals (size cap, syntax, limits) show under the form; nothing runs.
 */
class GridForm extends VerticalLayout {

  final TextField title = new TextField("Title");
  final List<VariantRow> rows = new ArrayList<>();
  private final VerticalLayout rowList = new VerticalLayout();
  final RadioButtonGroup<String> seedMode = new RadioButtonGroup<>("Seeds (the same for every row)");
  final TextField seedList = new TextField("Seed list");
  final IntegerField baseSeed = new IntegerField("Base seed");
  final IntegerField seedCount = new IntegerField("How many");
  final TextField probes = new TextField("Measured terms");
  final Select<Axis.Kind> axisKind = new Select<>();
  final TextField axisTerm = new TextField("Term");
  final TextField axisValues = new TextField("Values");
  final IntegerField steps = new IntegerField("Steps");
  final Select<String> process = new Select<>();
  final Select<String> model = new Select<>();
  private final List<ModelChoice> models;
  final IntegerField upscale = new IntegerField("Upscale");
  final TextField negativePrompt = new TextField("Negative prompt");
  final NumberField cfgScale =
      new NumberField("CFG scale");
  final Span error = new Span();
  private final GridService grids;
  private final LibraryService libraries;

  GridForm(GridService grids, LibraryService libraries) {
    this.grids = grids;
    this.libraries = libraries;
    addClassName("grid-form");
    setPadding(false);
    title.setWidthFull();
    title.setId("grid-title");
    rowList.setPadding(false);
    var addRow = new Button("Add variant", VaadinIcon.PLUS.create(), e -> addRow("", ""));
    addRow.setId("add-variant");
    addRow("A", "");
    addRow("B", "");

    seedMode.setItems("list", "base");
    seedMode.setItemLabelGenerator(m -> m.equals("list") ? "A list" : "N seeds from a base seed");
    seedMode.setValue("base");
    seedList.setPlaceholder("42, 43, 1000");
    seedList.setId("seed-list");
    baseSeed.setValue(42);
    baseSeed.setId("base-seed");
    seedCount.setValue(8);
    seedCount.setMin(1);
    seedCount.setMax(64);
    seedCount.setId("seed-count");
    seedMode.addValueChangeListener(e -> showSeedMode());
    showSeedMode();

    probes.setPlaceholder("hand, watercolour");
    probes.setHelperText("scored on every cell, steering none: the per-term heatmap");
    probes.setId("probes");

    axisKind.setLabel("Third axis");
    axisKind.setItems(Axis.Kind.values());
    axisKind.setItemLabelGenerator(k -> switch (k) {
      case NONE -> "none";
      case STEPS -> "steps";
      case PROCESS -> "art process";
      case WEIGHT -> "one term's weight";
      case WHEN -> "prompt editing's when";
      case CFG -> "CFG scale";
    });
    axisKind.setId("axis-kind");
    axisKind.setValue(Axis.Kind.NONE);
    axisKind.addValueChangeListener(e -> showAxis());
    axisTerm.setPlaceholder("hand");
    axisValues.setId("axis-values");
    showAxis();

    steps.setValue(RecipeFactory.DEFAULT_STEPS);
    steps.setMin(1);
    steps.setId("grid-steps");
    process.setLabel("Art process");
    process.setItems(ArtProcesses.names());
    process.setValue(ArtProcesses.names().get(0));
    models = grids.models();
    model.setLabel("Model");
    model.setId("grid-model");
    model.setItems(models.stream().map(ModelChoice::id).toList());
    model.setItemLabelGenerator(id -> models.stream().filter(c -> c.id().equals(id)).findFirst()
        .map(ModelChoice::label).orElse(id));
    model.setValue(ExperimentDefinition.DEFAULT_MODEL);
    // A model runs only some art processes (a diffusion model: diffusion); offer those.
    model.addValueChangeListener(e -> {
      var processes = models.stream().filter(c -> c.id().equals(e.getValue())).findFirst()
          .map(ModelChoice::processes).orElse(ArtProcesses.names());
      var current = process.getValue();
      process.setItems(processes);
      process.setValue(processes.contains(current) ? current : processes.get(0));
    });
    upscale.setValue(4);
    upscale.setMin(1);
    upscale.setMax(8);
    // Classifier-free guidance's settings, for every cell; only the diffusion processes have them.
    negativePrompt.setId("grid-negative-prompt");
    negativePrompt.setPlaceholder("night, dark");
    negativePrompt.setHelperText("every cell steers away from it (diffusion processes)");
    cfgScale.setId("grid-cfg-scale");
    cfgScale.setMin(0);
    cfgScale.setMax(RecipeFactory.MAX_CFG_SCALE);
    cfgScale.setStep(0.5);
    cfgScale.setPlaceholder("model's own");
    cfgScale.setHelperText("diffusion processes; a CFG axis overrides it");
    error.addClassName("field-error");
    error.setId("grid-error");

    var create = new Button("Create grid", e -> create());
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    create.setId("create-grid");
    add(title, new H3("Variants (the first row is the baseline)"), rowList, addRow,
        new H3("Seeds and measures"), seedMode, new HorizontalLayout(seedList, baseSeed, seedCount), probes,
        new H3("Everything else, fixed"), new FormLayout(model, steps, process, upscale, negativePrompt, cfgScale,
            axisKind, axisTerm, axisValues),
        error, create);
  }

  private void showSeedMode() {
    boolean list = "list".equals(seedMode.getValue());
    seedList.setVisible(list);
    baseSeed.setVisible(!list);
    seedCount.setVisible(!list);
  }

  private void showAxis() {
    var kind = axisKind.getValue();
    axisTerm.setVisible(kind == Axis.Kind.WEIGHT);
    axisValues.setVisible(kind != null && kind != Axis.Kind.NONE);
    // The when of every A1111 [from:to:when] in each row: a fraction of the steps, or a step number.
    axisValues.setPlaceholder(kind == Axis.Kind.WHEN ? "0.25, 0.5, 0.75" : kind == Axis.Kind.CFG ? "1, 3, 7" : "0.5, 1, 2");
    axisValues.setHelperText(kind == Axis.Kind.WHEN
        ? "put into every [from:to:when] of each row (A1111): 0.25 is a quarter of the steps, 3 is step 3"
        : kind == Axis.Kind.CFG ? "classifier-free guidance, 0 … 30 (diffusion processes), as A1111's X/Y plot sweeps it" : "");
  }

  VariantRow addRow(String label, String prompt) {
    if (rows.size() >= 8) {
      error.setText("A grid has at most 8 rows");
      return rows.get(rows.size() - 1);
    }
    var row = new VariantRow(label.isEmpty() ? String.valueOf((char) ('A' + rows.size())) : label, prompt);
    rows.add(row);
    rowList.add(row);
    return row;
  }

  private void create() {
    error.setText("");
    try {
      var id = grids.create(definition());
      fireEvent(new CreatedEvent(this, id));
    } catch (InvalidExperimentException e) {
      error.setText(e.getMessage());
    } catch (PromptSyntaxException e) {
      error.setText(e.messageWithColumn());
    } catch (IllegalArgumentException e) {
      error.setText(e.getMessage());
    }
  }

  ExperimentDefinition definition() {
    var variants = rows.stream().map(VariantRow::variant).toList();
    List<Long> seeds;
    if ("list".equals(seedMode.getValue())) {
      seeds = new ArrayList<>();
      for (var part : seedList.getValue().split("[,\\s]+")) {
        if (part.isBlank()) {
          continue;
        }
        try {
          seeds.add(Long.parseLong(part.strip()));
        } catch (NumberFormatException e) {
          throw new InvalidExperimentException("seeds", "Seed '" + part + "' is not a whole number");
        }
      }
    } else {
      if (baseSeed.getValue() == null || seedCount.getValue() == null) {
        throw new InvalidExperimentException("seeds", "Give a base seed and how many seeds");
      }
      seeds = ExperimentDefinition.seedsFrom(baseSeed.getValue(), seedCount.getValue());
    }
    var probeList = Arrays.stream(probes.getValue().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    var kind = axisKind.getValue() == null ? Axis.Kind.NONE : axisKind.getValue();
    var values = kind == Axis.Kind.NONE ? List.<String>of()
        : Arrays.stream(axisValues.getValue().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    var axis = new Axis(kind, kind == Axis.Kind.WEIGHT ? axisTerm.getValue().strip() : "", values);
    return new ExperimentDefinition(title.getValue().strip(), "", variants, seeds, probeList, axis,
        steps.getValue() == null ? 0 : steps.getValue(), process.getValue(), upscale.getValue() == null ? 0 : upscale.getValue(),
        model.getValue() == null ? "" : model.getValue(), negativePrompt.getValue().strip(), cfgScale.getValue());
  }

  Registration addCreatedListener(ComponentEventListener<CreatedEvent> listener) {
    return addListener(CreatedEvent.class, listener);
  }

  static class CreatedEvent extends ComponentEvent<GridForm> {
    private final UUID id;

    CreatedEvent(GridForm source, UUID id) {
      super(source, false);
      this.id = id;
    }

    UUID id() {
      return id;
    }
  }

  /** One row: a label, the prompt in the weighted editor, or a library prompt's latest version. */
  class VariantRow extends Div {
    final TextField label = new TextField("Label");
    final WeightedPromptEditor editor = new WeightedPromptEditor();
    final ComboBox<PromptSummary> fromLibrary = new ComboBox<>("…or from a library");
    private long promptVersionId;

    VariantRow(String labelText, String prompt) {
      addClassName("grid-variant");
      label.setValue(labelText);
      label.setWidth("10em");
      editor.setValue(prompt);
      fromLibrary.setItems(query -> libraries.search(query.getFilter().orElse("")).stream()
          .skip(query.getOffset()).limit(query.getLimit()));
      fromLibrary.setItemLabelGenerator(p -> p.libraryName() + " / " + p.title());
      fromLibrary.setWidth("16em");
      fromLibrary.addValueChangeListener(e -> {
        if (e.getValue() != null) {
          var chosen = libraries.prompt(e.getValue().id());
          editor.setValue(chosen.latest().text());
          promptVersionId = chosen.latest().id();
          if (label.getValue().length() <= 1) {
            label.setValue(label.getValue() + ": " + chosen.title());
          }
        }
      });
      editor.addPromptChangedListener(e -> promptVersionId = 0);
      var remove = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> {
        if (rows.size() > 2) {
          rows.remove(this);
          rowList.remove(this);
        }
      });
      remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
      remove.setAriaLabel("Remove this variant");
      var head = new HorizontalLayout(label, fromLibrary, remove);
      head.setAlignItems(Alignment.BASELINE);
      add(head, editor);
    }

    ExperimentDefinition.Variant variant() {
      return new ExperimentDefinition.Variant(label.getValue().strip(), editor.getValue(), editor.dialect().id(), promptVersionId);
    }
  }
}
