package workbench.run.ui;

import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.InMemoryUploadCallback;
import com.vaadin.flow.server.streams.InMemoryUploadHandler;
import com.vaadin.flow.shared.Registration;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import workbench.library.LibraryService;
import workbench.library.PromptSummary;
import workbench.loop.ArtProcesses;
import workbench.loop.PostProcess;
import workbench.loop.RecipeFactory;
import workbench.loop.SeedStatic;
import workbench.prompt.Dialect;
import workbench.prompt.PromptParser;
import workbench.prompt.PromptSyntaxException;
import workbench.run.GenerationLimits;
import workbench.run.ModelChoice;
import workbench.ui.prompt.WeightedPromptEditor;

/**
 * What to make: a prompt (typed, or picked from a library), seed with "random" and a lock,
 * steps, art process, upscale, and for diffusion A1111's negative prompt and CFG scale; and a drop zone that fills all of it from a PNG. Checks what it
 * can itself (numbers and ranges, prompt syntax) and fires {@link GenerateEvent}; the page
 * shows what the service refuses through {@link #showError}.
 */
public class GenerateForm extends Composite<VerticalLayout> {

  private static final SecureRandom RANDOM = new SecureRandom();

  final ComboBox<PromptSummary> promptPicker = new ComboBox<>("From a library");
  final WeightedPromptEditor editor = new WeightedPromptEditor();
  final TextField seed = new TextField("Seed");
  final Button randomSeed = new Button(VaadinIcon.RANDOM.create());
  final Checkbox lockSeed = new Checkbox("Lock seed");
  final IntegerField steps = new IntegerField("Steps");
  final Select<String> process = new Select<>();
  final Select<String> model = new Select<>();
  private List<ModelChoice> models = List.of();
  final Select<Integer> upscale = new Select<>();
  final TextArea negativePrompt = new TextArea("Negative prompt");
  final NumberField cfgScale = new NumberField("CFG scale");
  final Button generate = new Button("Generate", VaadinIcon.PLAY.create());
  final Div error = new Div();
  final Div warning = new Div();
  final Upload recall;
  private final GenerationLimits limits;
  private long promptVersionId;
  private String versionText = "";

  public GenerateForm(LibraryService libraries, GenerationLimits limits, long maxUploadBytes) {
    this.limits = limits;
    var layout = getContent();
    layout.addClassName("generate-form");
    layout.setPadding(false);

    promptPicker.setId("prompt-picker");
    promptPicker.setWidthFull();
    promptPicker.setPlaceholder("Pick a saved prompt, or type below");
    promptPicker.setItems((item, filter) -> (item.libraryName() + " " + item.title() + " " + item.latestText())
        .toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT)), prompts(libraries));
    promptPicker.setItemLabelGenerator(p -> p.libraryName() + " / " + p.title());
    promptPicker.addValueChangeListener(e -> {
      if (e.getValue() != null) {
        var version = libraries.prompt(e.getValue().id()).latest();
        fillPrompt(version.text(), version.dialect(), version.id());
        negativePrompt.setValue(version.negativeText());
      }
    });
    editor.addPromptChangedListener(e -> {
      if (!e.text().equals(versionText)) {
        promptVersionId = 0; // edited: no longer that library version
      }
      error.setVisible(false);
    });

    seed.setId("seed");
    seed.setHelperText("0 … " + SeedStatic.MAX_SEED);
    seed.setAllowedCharPattern("[0-9]");
    seed.setValue(Long.toString(randomSeed()));
    randomSeed.setId("random-seed");
    randomSeed.setTooltipText("A new random seed");
    randomSeed.addThemeVariants(ButtonVariant.LUMO_ICON);
    randomSeed.addClickListener(e -> seed.setValue(Long.toString(randomSeed())));
    lockSeed.setId("lock-seed");
    lockSeed.setValue(true);
    lockSeed.setTooltipText("Locked: every run uses this seed. Unlocked: a new seed is drawn after each run.");

    steps.setId("steps");
    steps.setMin(1);
    steps.setMax(limits.maxSteps());
    steps.setStepButtonsVisible(true);
    steps.setValue(limits.defaultSteps());
    steps.setHelperText("1 … " + limits.maxSteps());

    process.setId("process");
    process.setLabel("Art process");
    process.setItems(ArtProcesses.names());
    process.setValue(ArtProcesses.names().get(0));
    model.setId("model");
    model.setLabel("Model");
    model.setHelperText("the generator and the checker that scores it");
    model.addValueChangeListener(e -> offerProcessesOf(e.getValue()));
    upscale.setId("upscale");
    upscale.setLabel("Upscale");
    upscale.setItems(1, 2, 4, PostProcess.MAX_UPSCALE);
    upscale.setItemLabelGenerator(f -> f + "×");
    upscale.setValue(4);

    // Classifier-free guidance's two settings, as A1111 has them; only diffusion processes use them.
    negativePrompt.setId("negative-prompt");
    negativePrompt.setWidthFull();
    negativePrompt.setMaxLength(PromptParser.MAX_LENGTH);
    negativePrompt.setPlaceholder("What every step steers away from (diffusion): e.g. night, dark");
    cfgScale.setId("cfg-scale");
    cfgScale.setMin(0);
    cfgScale.setMax(RecipeFactory.MAX_CFG_SCALE);
    cfgScale.setStep(0.5);
    cfgScale.setStepButtonsVisible(true);
    cfgScale.setPlaceholder("model's own");
    cfgScale.setHelperText("0 … " + (int) RecipeFactory.MAX_CFG_SCALE + "; empty: the model's own");
    process.addValueChangeListener(e -> showGuidanceFor(e.getValue()));
    showGuidanceFor(process.getValue());

    generate.setId("generate");
    generate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    generate.addClickShortcut(Key.ENTER, KeyModifier.CONTROL); // Ctrl+Enter from the prompt
    generate.addClickListener(e -> generate());
    error.setId("generate-error");
    error.addClassName("form-error");
    error.setVisible(false);
    warning.setId("generate-warning");
    warning.addClassName("form-warning");
    warning.setVisible(false);

    recall = new Upload(new BoundedUpload(maxUploadBytes, (metadata, data) ->
        getUI().ifPresent(ui -> ui.access(() -> fireEvent(new RecallEvent(this, metadata.fileName(), data))))));
    recall.setId("recall-upload");
    recall.setAcceptedFileTypes("image/png", ".png");
    recall.setMaxFiles(1);
    recall.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, maxUploadBytes));
    recall.setDropLabel(new Span("Drop a PNG to use its recipe"));
    recall.addFileRejectedListener(e -> showError("recall", e.getFileName() + " was refused: " + e.getErrorMessage()
        + " (a PNG may be at most " + maxUploadBytes / (1024 * 1024) + " MB)"));

    var seedRow = new HorizontalLayout(seed, randomSeed, lockSeed);
    seedRow.setAlignItems(FlexComponent.Alignment.BASELINE);
    var settings = new HorizontalLayout(seedRow, steps, model, process, cfgScale, upscale);
    settings.setWrap(true);
    settings.setAlignItems(FlexComponent.Alignment.BASELINE);
    layout.add(promptPicker, editor, negativePrompt, settings, new HorizontalLayout(generate), error, warning, recall);
  }

  /** The models to offer (built-in first); the first is chosen. */
  public void setModels(List<ModelChoice> choices) {
    models = List.copyOf(choices);
    model.setItems(models.stream().map(ModelChoice::id).toList());
    model.setItemLabelGenerator(id -> models.stream().filter(c -> c.id().equals(id)).findFirst()
        .map(ModelChoice::label).orElse(id));
    if (!models.isEmpty()) {
      model.setValue(models.get(0).id());
    }
  }

  /** Picks a model by id, or says it is not there (a recipe from another installation). */
  public void selectModel(String id) {
    if (id.isBlank()) {
      return;
    }
    if (models.stream().anyMatch(c -> c.id().equals(id))) {
      model.setValue(id);
    } else {
      showError("model", "Model '" + id + "' is not installed here: choose one of "
          + String.join(", ", models.stream().map(ModelChoice::id).toList()));
    }
  }

  /** A model runs only some art processes (a diffusion model: diffusion); offer those. */
  private void offerProcessesOf(String modelId) {
    var processes = models.stream().filter(c -> c.id().equals(modelId)).findFirst()
        .map(ModelChoice::processes).orElse(ArtProcesses.names());
    var current = process.getValue();
    process.setItems(processes);
    process.setValue(processes.contains(current) ? current : processes.get(0));
  }

  /** Negative prompt and CFG scale only for a process with classifier-free guidance. */
  private void showGuidanceFor(@Nullable String processName) {
    boolean guided = processName != null && ArtProcesses.names().contains(processName)
        && ArtProcesses.get(processName).hasClassifierFreeGuidance();
    negativePrompt.setVisible(guided);
    cfgScale.setVisible(guided);
  }

  /** Fills the form (from a recalled PNG, a gallery link, a re-run); library version 0 = typed. */
  public void fill(RecipeFactory.Request request, long versionId) {
    fillPrompt(request.prompt(), request.dialect(), versionId);
    // A recipe from another installation may name a model not installed here: keep the chosen one.
    if (models.stream().anyMatch(c -> c.id().equals(request.model()))) {
      model.setValue(request.model());
    }
    seed.setValue(Long.toString(request.seed()));
    lockSeed.setValue(true);
    steps.setValue(request.steps());
    selectProcess(request.process());
    upscale.setValue(upscale.getListDataView().getItems().anyMatch(f -> f == request.upscale()) ? request.upscale() : 4);
    negativePrompt.setValue(request.negativePrompt());
    cfgScale.setValue(request.cfgScale());
  }

  /** Picks an art process by name, or says it does not exist (a hand-made link, an old PNG). */
  public void selectProcess(String name) {
    if (process.getListDataView().getItems().anyMatch(name::equals)) {
      process.setValue(name);
    } else {
      // Only the processes the chosen model runs are offered.
      var offered = process.getListDataView().getItems().toList();
      showError("process", (ArtProcesses.names().contains(name) ? "Art process '" + name + "' is not run by this model"
          : "Unknown art process '" + name + "'") + ": choose one of " + String.join(", ", offered));
    }
  }

  public void fillPrompt(String text, String dialect, long versionId) {
    // The text is in the dialect it was saved or recalled in: setting the dialect first and then
    // the text made the editor detect it afresh (issue 19: A1111 tag lists read as Midjourney).
    Dialect known = null;
    try {
      known = dialect.isBlank() ? null : Dialect.fromId(dialect);
    } catch (IllegalArgumentException e) {
      // An unknown dialect name (a hand-made link): the editor detects it from the text.
    }
    if (known != null) {
      editor.setValue(text, known);
    } else {
      editor.setValue(text);
    }
    versionText = text;
    promptVersionId = versionId;
  }

  public void fillSeed(long value) {
    seed.setValue(Long.toString(value));
    lockSeed.setValue(true);
  }

  /** The form as a request, falling back to defaults for fields that do not read (for recall). */
  public RecipeFactory.Request currentOrDefaults() {
    long s = parseSeed().orElse(0L);
    int n = steps.getValue() == null ? limits.defaultSteps() : steps.getValue();
    return new RecipeFactory.Request(editor.getValue(), editor.dialect().id(), s, n, process.getValue(), upscale.getValue(),
        modelValue()).withGuidance(negativeValue(), cfgScale.isInvalid() ? null : cfgScale.getValue());
  }

  public long promptVersionId() {
    return promptVersionId;
  }

  /** After a run was queued: an unlocked seed rolls on for the next one. */
  public void submitted() {
    if (!lockSeed.getValue()) {
      seed.setValue(Long.toString(randomSeed()));
    }
  }

  /** Shows a refusal next to the field it is about ("prompt", "seed", "steps", "process", …). */
  public void showError(String field, String message) {
    seed.setInvalid(false);
    steps.setInvalid(false);
    process.setInvalid(false);
    model.setInvalid(false);
    negativePrompt.setInvalid(false);
    cfgScale.setInvalid(false);
    switch (field) {
      case "negativePrompt" -> invalid(negativePrompt, message);
      case "cfgScale" -> invalid(cfgScale, message);
      case "seed" -> invalid(seed, message);
      case "steps" -> invalid(steps, message);
      case "process" -> {
        process.setInvalid(true);
        process.setErrorMessage(message);
      }
      case "model" -> {
        model.setInvalid(true);
        model.setErrorMessage(message);
      }
      default -> {}
    }
    error.setText(message);
    error.setVisible(true);
  }

  public void showWarning(String message) {
    warning.setText(message);
    warning.setVisible(!message.isEmpty());
  }

  public Registration addGenerateListener(ComponentEventListener<GenerateEvent> listener) {
    return addListener(GenerateEvent.class, listener);
  }

  public Registration addRecallListener(ComponentEventListener<RecallEvent> listener) {
    return addListener(RecallEvent.class, listener);
  }

  private void generate() {
    error.setVisible(false);
    warning.setVisible(false);
    var text = editor.getValue();
    if (text.isBlank()) {
      showError("prompt", "The prompt is empty");
      return;
    }
    if (editor.prompt().isEmpty()) {
      try {
        PromptParser.parse(text, editor.dialect());
      } catch (PromptSyntaxException e) {
        showError("prompt", "Prompt: " + e.messageWithColumn());
        return;
      }
    }
    var seedValue = parseSeed();
    if (seedValue.isEmpty()) {
      var typed = seed.getValue().strip();
      showError("seed", typed.matches("[0-9]+")
          ? "Seed " + typed + " is outside 0 … " + SeedStatic.MAX_SEED
          : "Seed must be a whole number 0 … " + SeedStatic.MAX_SEED + "; got '" + typed + "'");
      return;
    }
    if (steps.getValue() == null || steps.getValue() < 1 || steps.getValue() > limits.maxSteps()) {
      showError("steps", "Steps must be 1 … " + limits.maxSteps());
      return;
    }
    Double cfg = null;
    if (cfgScale.isVisible()) {
      cfg = cfgScale.getValue();
      // A number field holding text that is no number reads as empty: say so rather than run the default.
      if (cfgScale.isInvalid() || (cfg != null && (cfg < 0 || cfg > RecipeFactory.MAX_CFG_SCALE))) {
        showError("cfgScale", "CFG scale must be a number 0 … " + (int) RecipeFactory.MAX_CFG_SCALE);
        return;
      }
    }
    seed.setInvalid(false);
    steps.setInvalid(false);
    process.setInvalid(false);
    negativePrompt.setInvalid(false);
    cfgScale.setInvalid(false);
    fireEvent(new GenerateEvent(this, new RecipeFactory.Request(text, editor.dialect().id(), seedValue.get(),
        steps.getValue(), process.getValue(), upscale.getValue(), modelValue()).withGuidance(negativeValue(), cfg),
        promptVersionId));
  }

  /** The negative prompt where the chosen process has one; hidden, it is not sent. */
  private String negativeValue() {
    return negativePrompt.isVisible() ? negativePrompt.getValue() : "";
  }

  private String modelValue() {
    return model.getValue() == null ? "" : model.getValue();
  }

  private Optional<Long> parseSeed() {
    try {
      long value = Long.parseLong(seed.getValue().strip());
      return value >= 0 && value <= SeedStatic.MAX_SEED ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void invalid(HasValidation field, String message) {
    field.setInvalid(true);
    field.setErrorMessage(message);
  }

  /**
   * Holds a file in memory, but refuses a request body far over the limit before reading it:
   * the browser checks the size first, and the recall names the limit for files just over it.
   */
  private static final class BoundedUpload extends InMemoryUploadHandler {
    private final long maxRequest;

    BoundedUpload(long maxBytes, InMemoryUploadCallback callback) {
      super(callback);
      this.maxRequest = 2 * maxBytes;
    }

    @Override
    public long getRequestSizeMax() {
      return maxRequest;
    }
  }

  private static long randomSeed() {
    return RANDOM.nextLong(SeedStatic.MAX_SEED + 1);
  }

  private static List<PromptSummary> prompts(LibraryService libraries) {
    return libraries.libraries(false).stream().flatMap(l -> libraries.prompts(l.id()).stream()).toList();
  }
}
