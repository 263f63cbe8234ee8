package workbench.review;

import jakarta.annotation.PreDestroy;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import workbench.loop.Recipe;
import workbench.model.JudgeReading;
import workbench.model.JudgeTraining;
import workbench.model.SketchbookJudge;
import workbench.sketchbook.Attribute;
import workbench.sketchbook.CaptionReader;
import workbench.sketchbook.Description;
import workbench.sketchbook.UnreadableCaptionException;

/**
 * The independent judge as one more reviewer of a Sketchbook grid. It knows what each cell
 * asked for (people do not: that is why its answers are a yardstick, not a blind opinion) and
 * says whether the image shows it, by the judge's reading of the image and the claims of the
 * cell's prompt, read by {@link CaptionReader}:
 * <ul>
 * <li>yes/no: yes when every claim holds (eval's judge_all), unsure when the prompt makes no
 *     claim the judge can check;
 * <li>1–5: 1 + 4 × the share of the prompt's claims (object, count, colour, …) that hold;
 * <li>pairwise: the image that meets the larger share of its own prompt's claims — a share,
 *     not a count, so a longer prompt does not win by saying more; no answer on a tie.
 * </ul>
 * The weights load on first use and stay: every review after that reuses them.
 */
@Component
class JudgeReviewer {

  private @Nullable SketchbookJudge judge;

  /** What the judge makes of one cell: its prompt's claims and how many of them the image meets. */
  record Judged(Optional<Description> claims, String problem, int met, int said, boolean all) {
    double share() {
      return said == 0 ? 0 : met / (double) said;
    }
  }

  synchronized SketchbookJudge judge() {
    if (judge == null) {
      judge = SketchbookJudge.load();
    }
    return judge;
  }

  /** Which judge answered: the card's name and the start of its weights' sha256. */
  String model() {
    var card = judge().card();
    var sha = card.sha256().getOrDefault(JudgeTraining.WEIGHTS, "");
    return card.name() + " judge " + sha.substring(0, Math.min(12, sha.length()));
  }

  /** The judge's readings of the images, in order. */
  List<JudgeReading> read(List<BufferedImage> images) {
    var out = new ArrayList<JudgeReading>();
    for (int from = 0; from < images.size(); from += 64) {
      out.addAll(judge().read(images.subList(from, Math.min(images.size(), from + 64))));
    }
    return out;
  }

  /** The claims of a recipe's prompt: its terms of positive weight (a negative term asks for absence, which the judge does not check). */
  static String claimsText(List<Recipe.RecipeTerm> terms) {
    return terms.stream().filter(t -> t.weight() > 0).map(Recipe.RecipeTerm::text).collect(Collectors.joining(", "));
  }

  static Judged judged(JudgeReading reading, String prompt) {
    Description claims;
    try {
      claims = CaptionReader.read(prompt).description();
    } catch (UnreadableCaptionException e) {
      return new Judged(Optional.empty(), e.getMessage(), 0, 0, false);
    }
    int said = 0;
    int met = 0;
    for (Attribute attribute : claims.mentioned()) {
      said++;
      met += SketchbookJudge.meets(reading, claims, attribute) ? 1 : 0;
    }
    return new Judged(Optional.of(claims), "", met, said, SketchbookJudge.meets(reading, claims));
  }

  /** The judge's answer to an item: {@code a} its image (pairwise: row A's), {@code b} row B's or null. */
  static ReviewStore.JudgeAnswer answer(AnswerKind kind, int item, Judged a, @Nullable Judged b) {
    return switch (kind) {
      case YES_NO -> a.claims().isEmpty() ? new ReviewStore.JudgeAnswer(item, (short) 2, a.problem())
          : new ReviewStore.JudgeAnswer(item, (short) (a.all() ? 1 : 0), "");
      case SCALE -> a.claims().isEmpty() ? new ReviewStore.JudgeAnswer(item, null, a.problem())
          : new ReviewStore.JudgeAnswer(item, (short) (1 + Math.round(4 * a.share())), "");
      case PAIRWISE -> {
        if (b == null) {
          throw new IllegalArgumentException("a pairwise item has two images");
        }
        if (a.claims().isEmpty() || b.claims().isEmpty()) {
          yield new ReviewStore.JudgeAnswer(item, null, a.claims().isEmpty() ? a.problem() : b.problem());
        }
        if (a.share() == b.share()) {
          yield new ReviewStore.JudgeAnswer(item, null, String.format(Locale.ROOT,
              "both meet the same share of their prompts' claims (%d of %d, %d of %d)", a.met(), a.said(), b.met(), b.said()));
        }
        yield new ReviewStore.JudgeAnswer(item, (short) (a.share() > b.share() ? 0 : 1), "");
      }
    };
  }

  @PreDestroy
  synchronized void close() {
    if (judge != null) {
      judge.close();
      judge = null;
    }
  }
}
