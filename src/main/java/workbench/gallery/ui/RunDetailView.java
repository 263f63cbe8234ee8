package workbench.gallery.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import workbench.gallery.GalleryService;
import workbench.generation.GenerationService;
import workbench.generation.ImageKind;
import workbench.generation.InvalidRecipeException;
import workbench.generation.RecipeFactory;
import workbench.generation.Run;
import workbench.generation.ui.ImageSources;
import workbench.generation.ui.RecipeDetails;
import workbench.generation.ui.RunResult;
import workbench.generation.ui.ScoreChart;
import workbench.model.ModelLoadException;
import workbench.ui.Notifications;

/**
 * One stored run: the images, every parameter, scores per term and the score trace, and the
 * ways back to the generate page ("use this prompt", "use this seed", "re-run").
 */
@jakarta.annotation.security.PermitAll
@Route("gallery/:runId")
@PageTitle("Run · Prompt Workbench")
public class RunDetailView extends VerticalLayout implements BeforeEnterObserver {

  private final GenerationService generation;
  private final GalleryService gallery;
  final Div content = new Div();
  final ScoreChart chart = new ScoreChart();
  final Button star = new Button();
  private @org.jspecify.annotations.Nullable UUID runId;

  public RunDetailView(GenerationService generation, GalleryService gallery) {
    this.generation = generation;
    this.gallery = gallery;
    addClassName("run-detail-view");
    content.addClassName("run-detail");
    star.setId("star");
    star.setVisible(workbench.ui.Roles.isEditor());
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
        QueryParameters.simple(Map.of("prompt", r.prompt(), "dialect", r.dialect(), "version", Long.toString(run.promptVersionId())))));
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

    content.add(header, actions, pictures, new RecipeDetails(run));
  }

  /** Queues the same recipe's request again and follows it on the generate page. */
  private void rerun(Run run) {
    var r = run.recipe();
    try {
      var id = generation.submit(new RecipeFactory.Request(r.prompt(), r.dialect(), r.seed(), r.steps(), r.process(), r.upscale(),
              r.modelId()),
          run.promptVersionId());
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

  private static java.util.Optional<UUID> uuid(String s) {
    try {
      return java.util.Optional.of(UUID.fromString(s));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }
}
