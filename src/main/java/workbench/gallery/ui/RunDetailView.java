package workbench.gallery.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import workbench.gallery.GalleryService;
import workbench.journey.Filmstrip;
import workbench.journey.Journey;
import workbench.journey.JourneyService;
import workbench.journey.JourneySnippet;
import workbench.journey.LoopAnimation;
import workbench.loop.InvalidRecipeException;
import workbench.loop.Recipe;
import workbench.loop.RecipeFactory;
import workbench.model.ModelLoadException;
import workbench.run.GenerationService;
import workbench.run.ImageKind;
import workbench.run.Run;
import workbench.run.ui.ImageSources;
import workbench.run.ui.RecipeDetails;
import workbench.run.ui.RunResult;
import workbench.run.ui.ScoreChart;
import workbench.run.ui.StepScrubber;
import workbench.ui.Notifications;

/**
 * One stored run: the images, every parameter, scores per term and the score trace, the loop
 * from static to image done (a step scrubber marked on the chart, and its filmstrip, animation
 * and wiki snippet), and the ways back to the generate page ("use this prompt", "use this
 * seed", "re-run"). A grid's cells open here too.
 */
@PermitAll
@Route("gallery/:runId")
@PageTitle("Run · Prompt Workbench")
public class RunDetailView extends VerticalLayout implements BeforeEnterObserver {

  private final GenerationService generation;
  private final GalleryService gallery;
  private final JourneyService journeys;
  final Div content = new Div();
  final ScoreChart chart = new ScoreChart();
  final Button star = new Button();
  private @Nullable UUID runId;

  /** Who is signed in: editors see the buttons that change things (the services refuse the rest anyway). */
  private final AuthenticationContext authentication;

  public RunDetailView(GenerationService generation, GalleryService gallery, JourneyService journeys, AuthenticationContext authentication) {
    this.authentication = authentication;
    this.generation = generation;
    this.gallery = gallery;
    this.journeys = journeys;
    addClassName("run-detail-view");
    content.addClassName("run-detail");
    star.setId("star");
    star.setVisible(authentication.hasRole("EDITOR"));
    star.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    star.addClickListener(e -> {
      var id = runId;
      if (id != null) {
        gallery.star(id, !gallery.starred(id));
        updateStar(id);
      }
    });
    add(content);
  }

  public static RouteParameters params(UUID runId) {
    return new RouteParameters("runId", runId.toString());
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    content.removeAll();
    var id = event.getRouteParameters().get("runId").flatMap(RunDetailView::uuid);
    var run = id.flatMap(generation::run);
    if (run.isEmpty()) {
      content.add(new H2("No such run"), new Paragraph("There is no stored run "
          + event.getRouteParameters().get("runId").orElse("") + ". It may have been deleted."));
      return;
    }
    show(run.get());
  }

  private void show(Run run) {
    var r = run.recipe();
    var title = new H2(r.prompt());
    title.addClassName("run-detail-title");
    runId = run.id();
    updateStar(run.id());
    var header = new HorizontalLayout(title, star);
    header.setAlignItems(FlexComponent.Alignment.BASELINE);

    var finalImage = new Image(ImageSources.stored(generation, run.id(), ImageKind.FINAL), "The final image");
    finalImage.addClassName("final-image");
    var staticImage = new Image(ImageSources.stored(generation, run.id(), ImageKind.STATIC), "The step-0 static");
    staticImage.addClassName("static-image");
    var staticBox = new Div(staticImage, new Span("step 0: the seed's static"));
    staticBox.addClassName("static-box");
    chart.show(r.termTexts(), r.steps(), generation.trace(run.id()));
    var pictures = new HorizontalLayout(finalImage, staticBox, chart);
    pictures.setWrap(true);

    var usePrompt = new Button("Use this prompt", VaadinIcon.EDIT.create(), e -> UI.getCurrent().navigate("generate",
        QueryParameters.simple(usePromptParameters(r, run.promptVersionId()))));
    usePrompt.setId("use-prompt");
    var useSeed = new Button("Use this seed", VaadinIcon.KEY.create(),
        e -> UI.getCurrent().navigate("generate", QueryParameters.of("seed", Long.toString(r.seed()))));
    useSeed.setId("use-seed");
    var rerun = new Button("Re-run", VaadinIcon.REFRESH.create(), e -> rerun(run));
    rerun.setId("rerun");
    rerun.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    var compare = new Button("Compare…", VaadinIcon.SPLIT.create(),
        e -> UI.getCurrent().navigate("compare", RunResult.compareParameters(run.id(), List.of())));
    compare.setId("compare");
    var download = new Anchor(ImageSources.stored(generation, run.id(), ImageKind.FINAL), AttachmentType.DOWNLOAD, "Download PNG");
    download.setId("download-png");
    var actions = new HorizontalLayout(usePrompt, useSeed, rerun, compare, download);
    actions.setWrap(true);
    actions.setAlignItems(FlexComponent.Alignment.BASELINE);

    content.add(header, actions, pictures);
    journeys.journey(run.id()).filter(j -> !j.isEmpty()).ifPresent(journey -> content.add(loop(journey)));
    content.add(new RecipeDetails(run));
  }

  /**
   * The run's loop: the step scrubber (its step marked on the score chart) and the exports for
   * a wiki page. The files are drawn when the browser asks for them, not while the page opens.
   */
  private Div loop(Journey journey) {
    var scrubber = new StepScrubber(journey.snapshots(), journey.run().steps());
    scrubber.addStepChosenListener(e -> chart.mark(e.step()));
    chart.mark(scrubber.step());
    var filmstrip = new Anchor(download(JourneySnippet.filmstripFile(journey), "image/png",
        () -> Filmstrip.png(journey, true)), AttachmentType.DOWNLOAD, "Filmstrip PNG");
    filmstrip.setId("export-filmstrip");
    var animation = new Anchor(download(JourneySnippet.animationFile(journey), "image/gif",
        () -> LoopAnimation.gif(journey)), AttachmentType.DOWNLOAD, "Animation GIF");
    animation.setId("export-animation");
    var snippet = new Button("Wiki snippet…", VaadinIcon.CODE.create(), e -> snippetDialog(journey).open());
    snippet.setId("export-snippet");
    var exports = new HorizontalLayout(new Span("The loop for a wiki page:"), filmstrip, animation, snippet);
    exports.setAlignItems(FlexComponent.Alignment.BASELINE);
    exports.setWrap(true);
    var box = new Div(new H3("From static to image done"), scrubber, exports);
    box.addClassName("run-loop");
    return box;
  }

  /** The wikitext and Markdown that embed the two files, to copy into a page. */
  static Dialog snippetDialog(Journey journey) {
    var dialog = new Dialog();
    dialog.setHeaderTitle("Put this loop on a page");
    var wiki = new TextArea("Wikitext (MediaWiki)");
    wiki.setValue(JourneySnippet.wikitext(journey));
    wiki.setId("snippet-wikitext");
    var markdown = new TextArea("Markdown");
    markdown.setValue(JourneySnippet.markdown(journey));
    markdown.setId("snippet-markdown");
    for (var area : List.of(wiki, markdown)) {
      area.setReadOnly(true);
      area.setWidthFull();
    }
    dialog.add(new Paragraph("Upload " + JourneySnippet.filmstripFile(journey) + " and "
        + JourneySnippet.animationFile(journey) + " under these names, then paste one of these."), wiki, markdown);
    dialog.getFooter().add(new Button("Close", e -> dialog.close()));
    dialog.setWidth("min(720px, 95vw)");
    return dialog;
  }

  private static DownloadHandler download(String name, String type,
      Supplier<byte[]> bytes) {
    return DownloadHandler.fromInputStream(event -> {
      var data = bytes.get();
      return new DownloadResponse(new ByteArrayInputStream(data), name, type,
          data.length);
    });
  }

  /** Queues the same recipe's request again and follows it on the generate page. */
  private void rerun(Run run) {
    var r = run.recipe();
    try {
      var id = generation.submit(RecipeFactory.Request.of(r), run.promptVersionId());
      UI.getCurrent().navigate("generate", QueryParameters.of("run", id.toString()));
    } catch (InvalidRecipeException | ModelLoadException e) {
      Notifications.error("Cannot re-run: " + e.getMessage());
    }
  }

  private void updateStar(UUID runId) {
    boolean starred = gallery.starred(runId);
    star.setIcon((starred ? VaadinIcon.STAR : VaadinIcon.STAR_O).create());
    star.setText(starred ? "Favourite" : "Add to favourites");
  }

  private static Optional<UUID> uuid(String s) {
    try {
      return Optional.of(UUID.fromString(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The generate page's address for this run's prompt, with its negative prompt and CFG scale where it has them. */
  static Map<String, String> usePromptParameters(Recipe r, long versionId) {
    var parameters = new LinkedHashMap<String, String>();
    parameters.put("prompt", r.prompt());
    parameters.put("dialect", r.dialect());
    parameters.put("version", Long.toString(versionId));
    if (!r.negativePrompt().isEmpty()) {
      parameters.put("negative", r.negativePrompt());
    }
    r.cfgScale().ifPresent(cfg -> parameters.put("cfg", Double.toString(cfg)));
    return parameters;
  }
}
