package workbench.review.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.ShortcutRegistration;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.PermitAll;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import workbench.review.AnswerKind;
import workbench.review.Review;
import workbench.review.ReviewException;
import workbench.review.ReviewItem;
import workbench.review.ReviewService;
import workbench.ui.Notifications;

/**
 * Reviewing blind: one image (or a same-seed pair) at a time, in the reviewer's own order,
 * with only the question, the images and the answer buttons — never a prompt, label, seed or
 * score, not even in the page's hidden state: the view holds the review id and a position,
 * and images come without their recipe text. Keys: 1–5, y/n/u, ←/→, s to skip, Backspace to
 * go back; it opens where the reviewer left off. Sized for a phone first.
 */
@Route("reviews/:id/blind")
@PermitAll
@PageTitle("Blind review · Prompt Workbench")
public class BlindReviewView extends VerticalLayout implements BeforeEnterObserver {

  /** Which key gives which answer (pairwise ←/→ mean left/right). */
  static final Map<Key, String> KEYS = Map.ofEntries(
      Map.entry(Key.DIGIT_1, "1"), Map.entry(Key.DIGIT_2, "2"), Map.entry(Key.DIGIT_3, "3"), Map.entry(Key.DIGIT_4, "4"),
      Map.entry(Key.DIGIT_5, "5"), Map.entry(Key.NUMPAD_1, "1"), Map.entry(Key.NUMPAD_2, "2"), Map.entry(Key.NUMPAD_3, "3"),
      Map.entry(Key.NUMPAD_4, "4"), Map.entry(Key.NUMPAD_5, "5"), Map.entry(Key.KEY_Y, "yes"), Map.entry(Key.KEY_N, "no"),
      Map.entry(Key.KEY_U, "unsure"), Map.entry(Key.ARROW_LEFT, "left"), Map.entry(Key.ARROW_RIGHT, "right"),
      Map.entry(Key.KEY_S, AnswerKind.SKIP));

  private final ReviewService reviews;
  final H3 question = new H3();
  final ProgressBar progress = new ProgressBar();
  final Span where = new Span();
  final FlexLayout pictures = new FlexLayout();
  final FlexLayout buttons = new FlexLayout();
  final Button back = new Button("← Back", e -> back());
  final Paragraph done = new Paragraph("All done: thank you. You can go back to change an answer until the review closes.");
  private UUID id = new UUID(0, 0);
  private Optional<ReviewItem> item = Optional.empty();
  private int last = -1;
  private final List<ShortcutRegistration> shortcuts = new ArrayList<>();

  public BlindReviewView(ReviewService reviews) {
    this.reviews = reviews;
    addClassName("blind-review");
    setMaxWidth("720px");
    setWidthFull();
    progress.setId("review-progress");
    where.setId("review-where");
    pictures.setWidthFull();
    pictures.setFlexWrap(FlexLayout.FlexWrap.NOWRAP);
    pictures.setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
    pictures.getStyle().set("gap", "var(--lumo-space-s)");
    buttons.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    buttons.getStyle().set("gap", "var(--lumo-space-s)");
    back.setId("review-back");
    back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    done.setId("review-done");
    done.setVisible(false);
    add(question, progress, where, pictures, buttons, done, back);
  }

  public static RouteParameters params(UUID id) {
    return new RouteParameters("id", id.toString());
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    var review = event.getRouteParameters().get("id").flatMap(ReviewsView::uuid).flatMap(reviews::find)
        .filter(Review::reviewer);
    if (review.isEmpty()) {
      event.rerouteToError(NotFoundException.class, "You have no such review to answer.");
      return;
    }
    id = review.get().id();
    question.setText(review.get().question());
    last = review.get().items() - 1; // "back" from the end goes to the last item in the order
    showItem(reviews.next(id));
  }

  @Override
  protected void onAttach(AttachEvent attachEvent) {
    KEYS.forEach((key, answer) -> shortcuts.add(Shortcuts.addShortcutListener(this, () -> answer(answer), key)));
    shortcuts.add(Shortcuts.addShortcutListener(this, this::back, Key.BACKSPACE));
  }

  @Override
  protected void onDetach(DetachEvent detachEvent) {
    shortcuts.forEach(ShortcutRegistration::remove);
    shortcuts.clear();
  }

  /** Answers the shown item; keys that this kind does not take are ignored, not refused. */
  void answer(String answer) {
    if (item.isEmpty() || !(item.get().kind().answers().contains(answer) || answer.equals(AnswerKind.SKIP))) {
      return;
    }
    try {
      last = item.get().position();
      showItem(reviews.answer(id, item.get().position(), answer));
    } catch (ReviewException e) {
      Notifications.error(e.getMessage());
    }
  }

  private void back() {
    int position = item.map(i -> i.position() - 1).orElse(last);
    if (position >= 0) {
      showItem(Optional.of(reviews.item(id, position)));
    }
  }

  private void showItem(Optional<ReviewItem> next) {
    item = next;
    pictures.removeAll();
    buttons.removeAll();
    done.setVisible(next.isEmpty());
    if (next.isEmpty()) {
      var answered = last >= 0 ? reviews.item(id, last) : null;
      progress.setValue(1);
      where.setText(answered == null ? "Nothing left to review" : answered.total() + " of " + answered.total());
      back.setEnabled(last >= 0);
      return;
    }
    var i = next.get();
    progress.setValue(i.total() == 0 ? 0 : (double) i.answered() / i.total());
    where.setText("Item " + (i.position() + 1) + " of " + i.total() + " · " + i.answered() + " answered"
        + (i.answer().isEmpty() ? "" : " · your answer: " + i.answer()));
    back.setEnabled(i.position() > 0);
    int sides = i.pair() ? 2 : 1;
    for (int side = 0; side < sides; side++) {
      pictures.add(picture(i.position(), side, sides));
    }
    for (var answer : i.kind().answers()) {
      var button = new Button(caption(i.kind(), answer), e -> answer(answer));
      button.setId("answer-" + answer);
      button.addThemeVariants(ButtonVariant.LUMO_LARGE);
      button.setMinWidth("4em");
      if (answer.equals(i.answer())) {
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
      }
      buttons.add(button);
    }
    var skip = new Button("Skip (s)", e -> answer(AnswerKind.SKIP));
    skip.setId("answer-skip");
    skip.addThemeVariants(ButtonVariant.LUMO_LARGE, ButtonVariant.LUMO_TERTIARY);
    buttons.add(skip);
  }

  private Div picture(int position, int side, int sides) {
    int shown = position;
    var image = new Image(DownloadHandler.fromInputStream(event -> {
      var png = reviews.image(id, shown, side);
      return new DownloadResponse(new ByteArrayInputStream(png), "item.png", "image/png", png.length);
    }), sides == 2 ? (side == 0 ? "Left image" : "Right image") : "The image to judge");
    image.setWidthFull();
    image.getStyle().set("image-rendering", "pixelated");
    image.addClassName("review-image");
    var box = new Div(image);
    // A pair stays side by side at any width (on a phone too): the two are compared at a glance.
    box.getStyle().set("flex", sides == 2 ? "1 1 0" : "1 1 100%").set("min-width", "0")
        .set("max-width", sides == 2 ? "340px" : "512px");
    if (sides == 2) {
      box.add(new Paragraph(side == 0 ? "← left" : "right →"));
    }
    return box;
  }

  private static String caption(AnswerKind kind, String answer) {
    return switch (kind) {
      case YES_NO -> switch (answer) {
        case "yes" -> "Yes (y)";
        case "no" -> "No (n)";
        default -> "Unsure (u)";
      };
      case SCALE -> answer;
      case PAIRWISE -> answer.equals("left") ? "← Left is better" : "Right is better →";
    };
  }
}
