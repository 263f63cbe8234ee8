package workbench.run.ui;

import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import workbench.library.LibraryService;
import workbench.run.GenerationService;
import workbench.run.ImageKind;
import workbench.run.Run;

/**
 * A finished run: the final image large, the step-0 static small beside it, the recipe with
 * per-term scores, and what to do next (download, re-run, vary seed, save the prompt, compare).
 */
public class RunResult extends Composite<VerticalLayout> {

  final Image finalImage;
  final Anchor download;
  final Button rerun = new Button("Re-run", VaadinIcon.REFRESH.create());
  final Button varySeed = new Button("Vary seed", VaadinIcon.RANDOM.create());
  final Button saveToLibrary = new Button("Save prompt to library", VaadinIcon.BOOK.create());
  final Button compare = new Button("Open in compare", VaadinIcon.SPLIT.create());
  private final Run run;

  /** {@code compareWith}: runs to compare this one with (the page's previous results). */
  public RunResult(Run run, GenerationService generation, LibraryService libraries, List<UUID> compareWith) {
    this.run = run;
    var layout = getContent();
    layout.addClassName("run-result");
    layout.setPadding(false);
    boolean hasImages = generation.image(run.id(), ImageKind.RAW).isPresent();

    finalImage = new Image(ImageSources.stored(generation, run.id(), ImageKind.FINAL), "The final image");
    finalImage.addClassName("final-image");
    var staticImage = new Image(ImageSources.stored(generation, run.id(), ImageKind.STATIC), "The step-0 static");
    staticImage.addClassName("static-image");
    var staticBox = new Div(staticImage, new Span("step 0: the seed's static"));
    staticBox.addClassName("static-box");
    var pictures = new HorizontalLayout(finalImage, staticBox);
    pictures.addClassName("result-pictures");
    pictures.setWrap(true);

    download = new Anchor(ImageSources.stored(generation, run.id(), ImageKind.FINAL), AttachmentType.DOWNLOAD, "Download PNG");
    download.setId("download-png");
    download.getElement().setAttribute("title", "The PNG carries its recipe: drop it on this page to make it again");
    rerun.setId("rerun");
    varySeed.setId("vary-seed");
    saveToLibrary.setId("save-to-library");
    compare.setId("open-compare");
    rerun.addClickListener(e -> fireEvent(new RunActionEvent(this, RunActionEvent.Action.RERUN, run)));
    varySeed.addClickListener(e -> fireEvent(new RunActionEvent(this, RunActionEvent.Action.VARY_SEED, run)));
    saveToLibrary.addClickListener(e -> new SaveToLibraryDialog(libraries, run.recipe().prompt(), run.recipe().dialect()).open());
    compare.addClickListener(e -> UI.getCurrent().navigate("compare", compareParameters(run.id(), compareWith)));
    var actions = new HorizontalLayout(download, rerun, varySeed, saveToLibrary, compare);
    actions.addClassName("result-actions");
    actions.setWrap(true);
    actions.setAlignItems(FlexComponent.Alignment.BASELINE);

    if (hasImages) {
      layout.add(pictures, actions);
    } else {
      layout.add(new Span("This run stored no images."), new HorizontalLayout(rerun, varySeed, saveToLibrary));
    }
    layout.add(new RecipeDetails(run));
  }

  public Run run() {
    return run;
  }

  public Registration addRunActionListener(ComponentEventListener<RunActionEvent> listener) {
    return addListener(RunActionEvent.class, listener);
  }

  /** {@code compare?runs=a,b,…}: the compare page's link. */
  public static QueryParameters compareParameters(UUID first, List<UUID> others) {
    var ids = new ArrayList<String>();
    ids.add(first.toString());
    others.stream().filter(id -> !id.equals(first)).map(UUID::toString).forEach(ids::add);
    return QueryParameters.of("runs", String.join(",", ids));
  }
}
