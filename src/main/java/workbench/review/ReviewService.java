package workbench.review;

import java.awt.image.BufferedImage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import workbench.account.AuditLog;
import workbench.account.CurrentUser;
import workbench.account.FreeText;
import workbench.grid.ExperimentDefinition;
import workbench.grid.ExperimentResult;
import workbench.grid.GridService;
import workbench.loop.PngMetadata;
import workbench.run.GenerationService;
import workbench.run.ImageKind;

/**
 * Blind reviews of grids. The grid's owner (or an admin, editors only, as for running a grid)
 * asks one question and invites users who may read the grid; each reviewer gets the items in
 * their own stored shuffled order, one at a time, with nothing that tells the wording: no
 * prompt, label, seed, run id or score, and images re-encoded without their recipe text.
 *
 * <p>Answers are the reviewer's alone until the owner shows or closes the review: nobody —
 * the owner included — reads results before that, only how far each reviewer got. A review
 * the caller may not see (not owner, admin or reviewer, or its grid unreadable to them) does
 * not exist for them, in the same words as one that was never made.
 */
@Service
@PreAuthorize("hasRole('VIEWER')")
public class ReviewService {

  /** Enough for 8 rows × 64 seeds, or their same-seed pairs on a few seeds. */
  static final int MAX_ITEMS = 1000;

  private final ReviewStore store;
  private final GridService grids;
  private final GenerationService generation;
  private final CurrentUser currentUser;
  private final AuditLog audit;
  private final JudgeReviewer judge;
  private final SecureRandom seeds = new SecureRandom();

  ReviewService(ReviewStore store, GridService grids, GenerationService generation, CurrentUser currentUser, AuditLog audit,
      JudgeReviewer judge) {
    this.store = store;
    this.judge = judge;
    this.grids = grids;
    this.generation = generation;
    this.currentUser = currentUser;
    this.audit = audit;
  }

  /**
   * Makes a review of the grid's finished cells (pairwise: every two rows' cells on the same
   * seed and axis value) and invites the named users, who must be able to read the grid.
   * Checked whole first; nothing is stored when it is refused.
   */
  @Transactional
  @PreAuthorize("hasRole('EDITOR')")
  public UUID create(UUID gridId, String question, AnswerKind kind, List<String> reviewers) {
    var grid = grids.find(gridId).orElseThrow(() -> new ReviewException("grid", "There is no grid " + gridId));
    if (!grid.changeable()) {
      throw new AccessDeniedException("Only the owner of grid '" + grid.definition().title() + "' or an admin may start a review of it");
    }
    var q = question.strip();
    if (q.isEmpty()) {
      throw new ReviewException("question", "Ask a question, e.g. \"Are the hands right?\"");
    }
    FreeText.problem("Question", q, 300).ifPresent(problem -> {
      throw new ReviewException("question", problem);
    });
    var names = reviewers.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    if (names.isEmpty()) {
      throw new ReviewException("reviewers", "Invite at least one reviewer (a user who may read the grid)");
    }
    var ids = new ArrayList<Long>();
    for (var name : names) {
      long id;
      try {
        id = currentUser.idsOf(List.of(name)).iterator().next();
      } catch (IllegalArgumentException e) {
        throw new ReviewException("reviewers", e.getMessage());
      }
      if (!grids.readableBy(gridId, id)) {
        throw new ReviewException("reviewers", "Reviewer '" + name + "' may not read grid '" + grid.definition().title()
            + "': share the grid with them first");
      }
      ids.add(id);
    }
    var items = items(grids.result(gridId), kind);
    if (items.isEmpty()) {
      throw new ReviewException("grid", kind == AnswerKind.PAIRWISE
          ? "Grid '" + grid.definition().title() + "' has no two finished cells on the same seed to compare: run it first"
          : "Grid '" + grid.definition().title() + "' has no finished cells to review: run it first");
    }
    if (items.size() > MAX_ITEMS) {
      throw new ReviewException("grid", "This review would have " + items.size() + " items; the limit is " + MAX_ITEMS
          + ": review a grid with fewer rows or seeds");
    }
    var id = UUID.randomUUID();
    store.insert(id, gridId, q, kind, currentUser.ownerIdForNew(), items);
    for (var reviewer : ids) {
      store.invite(id, reviewer, seeds.nextLong());
    }
    audit.record("review.create", "review", id, grid.definition().title() + ": " + q + " (" + kind.id() + ", "
        + items.size() + " items, reviewers " + String.join(", ", names) + ")");
    return id;
  }

  private static List<ReviewStore.Item> items(ExperimentResult result, AnswerKind kind) {
    var done = result.cells().stream().filter(ExperimentResult.Cell::done).toList();
    var items = new ArrayList<ReviewStore.Item>();
    if (kind != AnswerKind.PAIRWISE) {
      for (var c : done) {
        items.add(new ReviewStore.Item(items.size(), c.seedIndex(), c.axisIndex(), c.row(), c.runId().orElseThrow(), -1, null));
      }
      return items;
    }
    for (var a : done) {
      for (var b : done) {
        if (a.row() < b.row() && a.seedIndex() == b.seedIndex() && a.axisIndex() == b.axisIndex()) {
          items.add(new ReviewStore.Item(items.size(), a.seedIndex(), a.axisIndex(), a.row(), a.runId().orElseThrow(),
              b.row(), b.runId().orElseThrow()));
        }
      }
    }
    return items;
  }

  /** Reviews the caller owns or was invited to (admins: all), newest first. */
  public List<Review> reviews() {
    return store.ids(currentUser.id(), currentUser.admin()).stream().map(this::find).flatMap(Optional::stream).toList();
  }

  /** The reviews of a grid the caller may see. */
  public List<Review> reviewsOf(UUID gridId) {
    return store.idsOfGrid(gridId).stream().map(this::find).flatMap(Optional::stream).toList();
  }

  public Optional<Review> find(UUID id) {
    return store.find(id).flatMap(this::visible);
  }

  /** The reviewer's next unanswered item in their own order; empty when they have answered (or skipped) all. */
  public Optional<ReviewItem> next(UUID id) {
    var r = reviewing(id);
    var answers = store.answersOf(id, r.userId());
    for (int position = 0; position < r.order().length; position++) {
      if (!answers.containsKey(r.order()[position])) {
        return Optional.of(item(r, position, answers));
      }
    }
    return Optional.empty();
  }

  /** The item at a place in the reviewer's order (to go back, or to show the last one again). */
  public ReviewItem item(UUID id, int position) {
    var r = reviewing(id);
    r.check(position);
    return item(r, position, store.answersOf(id, r.userId()));
  }

  /**
   * Answers the item at {@code position} of the caller's order (yes/no/unsure, 1–5,
   * left/right, or skip); answering again replaces the answer. Returns the next unanswered item.
   */
  @Transactional
  public Optional<ReviewItem> answer(UUID id, int position, String answer) {
    var r = reviewing(id);
    r.check(position);
    int item = r.order()[position];
    var value = r.review().kind().value(answer, r.flipped(item));
    if (!store.answer(id, r.userId(), item, value.orElse(null))) {
      throw new ReviewException("state", "The review is closed: it takes no more answers");
    }
    return next(id);
  }

  /**
   * The image of the item at {@code position}: side 0 (the only one, or the left), 1 (the
   * right). Decoded and written again without text chunks, since a stored PNG carries its
   * recipe — the very prompt the reviewer must not see.
   */
  public byte[] image(UUID id, int position, int side) {
    var r = reviewing(id);
    r.check(position);
    if (side < 0 || side > (r.review().kind() == AnswerKind.PAIRWISE ? 1 : 0)) {
      throw new ReviewException("side", "This item has no image " + side);
    }
    var item = r.items().get(r.order()[position]);
    // Only pairs are shown either way round; a single item's image is always its own run.
    boolean pairwise = r.review().kind() == AnswerKind.PAIRWISE;
    boolean right = pairwise && (side == 1) != r.flipped(item.index());
    var run = right ? item.runB() : item.runA();
    var png = run == null ? Optional.<byte[]>empty() : generation.image(run, ImageKind.FINAL);
    return png.map(bytes -> PngMetadata.write(PngMetadata.decode(bytes), Map.of()))
        .orElseThrow(() -> new ReviewException("id", "This item's image is no longer stored"));
  }

  /** How far each reviewer got (counts only): the owner may follow progress before the results open. */
  public List<ReviewResults.ReviewerProgress> progress(UUID id) {
    var review = visibleOrThrow(id);
    var counts = new HashMap<Long, int[]>();
    for (var a : store.answers(id)) {
      var c = counts.computeIfAbsent(a.userId(), k -> new int[2]);
      c[a.value() == null ? 1 : 0]++;
    }
    var out = new ArrayList<ReviewResults.ReviewerProgress>();
    for (var reviewer : store.reviewers(id).keySet()) {
      var c = counts.getOrDefault(reviewer, new int[2]);
      out.add(new ReviewResults.ReviewerProgress(currentUser.usernameOf(reviewer), c[0], c[1], review.items(), false));
    }
    if (!review.judge().isEmpty()) {
      var answers = store.judgeAnswers(id);
      int none = (int) answers.stream().filter(a -> a.value() == null).count();
      out.add(new ReviewResults.ReviewerProgress(judgeName(review.judge()), answers.size() - none, none, review.items(), true));
    }
    return out;
  }

  /** Lets everyone on the review read the results while answers are still taken. */
  @Transactional
  @PreAuthorize("hasRole('EDITOR')")
  public Review show(UUID id) {
    return setState(id, ReviewState.SHOWN);
  }

  /** Ends the review: results readable, no more answers. */
  @Transactional
  @PreAuthorize("hasRole('EDITOR')")
  public Review close(UUID id) {
    return setState(id, ReviewState.CLOSED);
  }

  private Review setState(UUID id, ReviewState state) {
    var review = visibleOrThrow(id);
    if (!review.changeable()) {
      throw new AccessDeniedException("Only the owner of review '" + review.question() + "' or an admin may show or close it");
    }
    store.state(id, state);
    audit.record("review." + state.name().toLowerCase(Locale.ROOT), "review", id, review.question());
    return visibleOrThrow(id);
  }

  /** The results, once the owner has shown or closed the review; refused (not hidden) before. */
  public ReviewResults results(UUID id) {
    var review = visibleOrThrow(id);
    if (!review.state().resultsReadable()) {
      throw new ReviewException("state", "The answers are private until the owner shows or closes the review");
    }
    var names = new LinkedHashMap<Long, String>();
    store.reviewers(id).keySet().forEach(u -> names.put(u, currentUser.usernameOf(u)));
    return ReviewAnalysis.analyse(review, grids.result(review.gridId()), store.items(id), store.answers(id), names,
        progress(id), review.judge().isEmpty() ? "" : judgeName(review.judge()), store.judgeAnswers(id));
  }

  /** How the judge is named among reviewers: never a user's name, with the weights that answered. */
  static String judgeName(String model) {
    return "the judge (" + model + ")";
  }

  /**
   * Adds the independent judge as one more reviewer: it answers every item now, holding each
   * image against the claims of its cell's prompt ({@link JudgeReviewer} says how). The owner
   * or an admin, editors only, as for starting the review; only for grids on the built-in
   * Sketchbook models (the judge knows no other world); once per review, before it closes.
   * Its answers are private like people's until the review is shown or closed.
   */
  @Transactional
  @PreAuthorize("hasRole('EDITOR')")
  public Review addJudge(UUID id) {
    var review = visibleOrThrow(id);
    if (!review.changeable()) {
      throw new AccessDeniedException("Only the owner of review '" + review.question() + "' or an admin may add the judge to it");
    }
    if (review.state() == ReviewState.CLOSED) {
      throw new ReviewException("state", "The review is closed: it takes no more answers");
    }
    if (!review.judge().isEmpty()) {
      throw new ReviewException("judge", "The judge has already answered this review");
    }
    var grid = grids.find(review.gridId()).orElseThrow(() -> notFound(id));
    var model = grid.definition().model();
    if (!model.equals(ExperimentDefinition.DEFAULT_MODEL)) {
      throw new ReviewException("judge", "The judge knows only the built-in Sketchbook world; grid '"
          + grid.definition().title() + "' was made with model '" + model + "'");
    }
    var items = store.items(id);
    var runs = new LinkedHashSet<UUID>();
    items.forEach(item -> {
      if (item.runA() != null) {
        runs.add(item.runA());
      }
      if (item.runB() != null) {
        runs.add(item.runB());
      }
    });
    // One reading per run: the loop's own image (before upscaling) where it is kept.
    var judged = new HashMap<UUID, JudgeReviewer.Judged>();
    var read = new ArrayList<UUID>();
    var images = new ArrayList<BufferedImage>();
    for (var run : runs) {
      var png = generation.image(run, ImageKind.RAW).or(() -> generation.image(run, ImageKind.FINAL));
      if (png.isPresent()) {
        read.add(run);
        images.add(PngMetadata.decode(png.get()));
      }
    }
    var readings = judge.read(images);
    for (int i = 0; i < read.size(); i++) {
      String prompt;
      try {
        prompt = generation.run(read.get(i)).map(r -> JudgeReviewer.claimsText(r.recipe().terms())).orElse("");
      } catch (IllegalArgumentException | InvalidDataAccessApiUsageException unreadableRecipe) {
        // A recipe this version cannot read (the run store, a @Repository, hands its IllegalArgumentException on
        // translated): the judge does not guess what it asked for.
        prompt = "";
      }
      judged.put(read.get(i), prompt.isEmpty()
          ? new JudgeReviewer.Judged(Optional.empty(), "This cell's recipe has no terms to check", 0, 0, false)
          : JudgeReviewer.judged(readings.get(i), prompt));
    }
    var gone = new JudgeReviewer.Judged(Optional.empty(), "This item's image is no longer stored", 0, 0, false);
    var answers = items.stream().map(item -> JudgeReviewer.answer(review.kind(), item.index(),
        item.runA() == null ? gone : judged.getOrDefault(item.runA(), gone),
        review.kind() != AnswerKind.PAIRWISE ? null : item.runB() == null ? gone : judged.getOrDefault(item.runB(), gone)))
        .toList();
    var name = judge.model();
    if (!store.addJudge(id, name, currentUser.ownerIdForNew(), answers)) {
      throw new ReviewException("judge", "The judge has already answered this review");
    }
    audit.record("review.judge", "review", id, review.question() + " (" + name + ", " + answers.size() + " items)");
    return visibleOrThrow(id);
  }

  /** Results of the grid's readable reviews for its exports; reviews not yet shown are left out. */
  public List<ReviewResults> resultsOfGrid(UUID gridId) {
    return reviewsOf(gridId).stream().filter(r -> r.state().resultsReadable()).map(r -> results(r.id())).toList();
  }

  // --- access ------------------------------------------------------------------------------

  private Optional<Review> visible(ReviewStore.Row row) {
    var grid = grids.find(row.gridId());
    if (grid.isEmpty()) {
      return Optional.empty();
    }
    var reviewers = store.reviewers(row.id());
    long me = currentUser.id();
    boolean reviewer = me != CurrentUser.NONE && reviewers.containsKey(me);
    boolean changeable = currentUser.canChange(row.ownerId());
    if (!reviewer && !changeable) {
      return Optional.empty();
    }
    return Optional.of(new Review(row.id(), row.gridId(), grid.get().definition().title(), row.question(), row.kind(),
        currentUser.usernameOf(row.ownerId()), row.state(), currentUser.usernamesOf(reviewers.keySet()), row.items(),
        row.createdAt(), changeable, reviewer, store.judge(row.id()).orElse("")));
  }

  private Review visibleOrThrow(UUID id) {
    return find(id).orElseThrow(() -> notFound(id));
  }

  private static ReviewException notFound(UUID id) {
    return new ReviewException("id", "There is no review " + id);
  }

  /** The caller as a reviewer of the review, with their order. */
  private Reviewing reviewing(UUID id) {
    var review = visibleOrThrow(id);
    long me = currentUser.id();
    var seed = store.reviewers(id).get(me);
    if (seed == null) {
      throw new AccessDeniedException("Only the invited reviewers answer review '" + review.question() + "'");
    }
    var items = store.items(id);
    return new Reviewing(review, me, seed, items, order(seed, items.size()));
  }

  /** The reviewer's order of items: a shuffle drawn from their stored seed, the same every visit. */
  static int[] order(long seed, int items) {
    var list = new ArrayList<Integer>();
    for (int i = 0; i < items; i++) {
      list.add(i);
    }
    Collections.shuffle(list, new Random(seed));
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  private ReviewItem item(Reviewing r, int position, Map<Integer, @Nullable Short> answers) {
    int item = r.order()[position];
    var given = answers.get(item);
    var word = answers.containsKey(item) ? (given == null ? AnswerKind.SKIP : r.review().kind().word(given, r.flipped(item))) : "";
    return new ReviewItem(r.review().id(), r.review().question(), r.review().kind(), position, r.order().length,
        answers.size(), word);
  }

  private record Reviewing(Review review, long userId, long seed, List<ReviewStore.Item> items, int[] order) {

    /** Which side each pair's rows are shown on, also from the reviewer's seed. */
    boolean flipped(int item) {
      return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (item + 1))).nextBoolean();
    }

    void check(int position) {
      if (position < 0 || position >= order.length) {
        throw new ReviewException("position", "This review has items 0–" + (order.length - 1) + "; there is no item " + position);
      }
    }
  }
}
