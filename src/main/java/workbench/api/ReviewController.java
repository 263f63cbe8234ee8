package workbench.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import workbench.review.AnswerKind;
import workbench.review.Review;
import workbench.review.ReviewException;
import workbench.review.ReviewItem;
import workbench.review.ReviewResults;
import workbench.review.ReviewService;

/**
 * Blind reviews of grids: the grid's owner makes one and invites reviewers; a reviewer fetches
 * their next item (no prompt, label, seed or score: only the question, where they are, and
 * image links), answers it, and everyone on the review reads the results once the owner shows
 * or closes it.
 */
@RestController
@RequestMapping("/api/v1/reviews")
@Tag(name = "Reviews", description = "Blind reviews of a grid's images by people, and how they agree with the checker")
class ReviewController {

  private final ReviewService reviews;

  ReviewController(ReviewService reviews) {
    this.reviews = reviews;
  }

  record ReviewRequest(
      @Schema(description = "The grid to review (its finished cells)") UUID gridId,
      @Schema(example = "Are the hands right?") String question,
      @Schema(description = "yes-no, scale (1–5) or pairwise (two rows on the same seed)", example = "scale") String kind,
      @Schema(description = "User names; each must be able to read the grid", example = "[\"bob\"]") List<String> reviewers) {
    ReviewRequest {
      question = question == null ? "" : question;
      kind = kind == null ? "" : kind;
      reviewers = reviewers == null ? List.of() : List.copyOf(reviewers);
    }
  }

  record AnswerRequest(@Schema(description = "yes/no/unsure, 1–5, left/right, or skip", example = "4") String answer) {
    AnswerRequest {
      answer = answer == null ? "" : answer;
    }
  }

  record ReviewBody(UUID id, UUID gridId, String gridTitle, String question, String kind, String owner, String state,
      List<String> reviewers, int items, boolean changeable, boolean reviewer,
      @Schema(description = "The independent judge that answered as one more reviewer; empty if none") String judge,
      @Schema(description = "How far each reviewer got (counts only)") List<ReviewResults.ReviewerProgress> progress,
      String next, String results) {}

  /** What a blind reviewer gets: nothing that tells the wording. */
  record ItemBody(int position, int total, int answered, String question, String kind,
      @Schema(description = "The answers this item takes, besides skip") List<String> answers,
      @Schema(description = "This reviewer's earlier answer to it; empty if none") String answer,
      @Schema(description = "One image, or left and right for pairwise") List<String> images,
      @Schema(example = "/api/v1/reviews/…/items/3/answer") String answerAt) {}

  record NextBody(boolean done, Optional<ItemBody> item) {}

  @PostMapping
  @Operation(summary = "Start a review of a grid",
      description = "The grid's owner (or an admin; editors only) asks one question and invites users who may read the"
          + " grid. Its finished cells (pairwise: same-seed pairs) become the items. 400 names what is wrong; nothing is"
          + " stored when refused.")
  @ApiResponse(responseCode = "201", description = "Started; Location is the review's address")
  @Refusal(value = 400, when = "No such grid, no question, an unknown kind, or a reviewer who may not read the grid:"
      + " field names which")
  @Refusal(value = 403, when = "Only the grid's owner (or an admin) starts a review of it; viewers none")
  ResponseEntity<ReviewBody> create(@RequestBody ReviewRequest request) {
    if (request.gridId() == null) {
      throw new ReviewException("gridId", "Give the grid to review (gridId)");
    }
    var id = reviews.create(request.gridId(), request.question(), AnswerKind.of(request.kind()), request.reviewers());
    return ResponseEntity.created(URI.create("/api/v1/reviews/" + id)).body(body(review(id)));
  }

  @GetMapping
  @Operation(summary = "Reviews you own or were invited to")
  List<ReviewBody> list() {
    return reviews.reviews().stream().map(this::body).toList();
  }

  @GetMapping("/{id}")
  @Operation(summary = "A review and how far each reviewer got")
  @Refusal(value = 404, when = "No such review, or you are neither its owner nor one of its reviewers")
  ReviewBody get(@PathVariable UUID id) {
    return body(review(id));
  }

  @GetMapping("/{id}/next")
  @Operation(summary = "Your next unanswered item", description = "In your own shuffled order; done: true when none is left.")
  @Refusal(value = 403, when = "You are not one of its reviewers")
  @Refusal(value = 404, when = "No such review, or you are neither its owner nor one of its reviewers")
  NextBody next(@PathVariable UUID id) {
    return nextBody(reviews.next(id));
  }

  @GetMapping("/{id}/items/{position}")
  @Operation(summary = "The item at a place in your order", description = "With your earlier answer, to go back or change it.")
  @Refusal(value = 400, when = "No item at this position (the detail gives the range)")
  @Refusal(value = 403, when = "You are not one of its reviewers")
  @Refusal(value = 404, when = "No such review, or you are neither its owner nor one of its reviewers")
  ItemBody item(@PathVariable UUID id, @PathVariable int position) {
    return item(reviews.item(id, position));
  }

  @GetMapping(value = "/{id}/items/{position}/images/{side}", produces = MediaType.IMAGE_PNG_VALUE)
  @Operation(summary = "An item's image", description = "Side 0 (the only one, or left) or 1 (right); the PNG has no text chunks.")
  @ApiResponse(responseCode = "200", description = "The PNG, without text chunks",
      content = @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")))
  @Refusal(value = 400, when = "No item at this position, or no such side")
  @Refusal(value = 403, when = "You are not one of its reviewers")
  @Refusal(value = 404, when = "No such review, or the image is no longer stored")
  ResponseEntity<byte[]> image(@PathVariable UUID id, @PathVariable int position, @PathVariable int side) {
    return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).header("Cache-Control", "private, no-store")
        .body(reviews.image(id, position, side));
  }

  @PostMapping("/{id}/items/{position}/answer")
  @Operation(summary = "Answer an item", description = "Answering again replaces the answer. Returns your next item. 409 once closed.")
  @Refusal(value = 400, when = "An answer this kind of review does not take, or no item at this position")
  @Refusal(value = 403, when = "You are not one of its reviewers")
  @Refusal(value = 404, when = "No such review, or you are neither its owner nor one of its reviewers")
  @Refusal(value = 409, when = "The review is closed")
  NextBody answer(@PathVariable UUID id, @PathVariable int position, @RequestBody AnswerRequest request) {
    return nextBody(reviews.answer(id, position, request.answer()));
  }

  @PostMapping("/{id}/show")
  @Operation(summary = "Let everyone on the review read the results", description = "Answers are still taken. Owner or admin.")
  @Refusal(value = 403, when = "Only its owner (or an admin) shows it")
  @Refusal(value = 404, when = "No such review, or you are neither its owner nor one of its reviewers")
  ReviewBody show(@PathVariable UUID id) {
    reviews.show(id);
    return body(review(id));
  }

  @PostMapping("/{id}/judge")
  @Operation(summary = "Add the independent judge as one more reviewer",
      description = "Built-in Sketchbook grids only. The judge answers every item now: yes/no whether the image meets every"
          + " claim of its cell's prompt, 1–5 the share of claims met, pairwise the image meeting the larger share. Its"
          + " answers are private like people's until the review is shown, and never count in people's figures. Owner or"
          + " admin; once per review; 409 once closed.")
  @Refusal(value = 400, when = "The judge has already answered this review, or the grid was made with another model"
      + " than the built-in Sketchbook pair")
  @Refusal(value = 403, when = "Only its owner (or an admin) adds the judge; viewers none")
  @Refusal(value = 404, when = "No such review, or you are neither its owner nor one of its reviewers")
  @Refusal(value = 409, when = "The review is closed")
  ReviewBody judge(@PathVariable UUID id) {
    reviews.addJudge(id);
    return body(review(id));
  }

  @PostMapping("/{id}/close")
  @Operation(summary = "Close the review", description = "Results readable; no more answers. Owner or admin.")
  @Refusal(value = 403, when = "Only its owner (or an admin) closes it")
  @Refusal(value = 404, when = "No such review, or you are neither its owner nor one of its reviewers")
  ReviewBody close(@PathVariable UUID id) {
    reviews.close(id);
    return body(review(id));
  }

  @GetMapping("/{id}/results")
  @Operation(summary = "A review's results",
      description = "Per variant the rating (mean, share of yes or share of wins) with its 95% interval, paired comparisons"
          + " against the baseline on the same seeds, Bradley–Terry strengths (pairwise), Krippendorff's alpha with its"
          + " reading, people against the checker (Spearman and the cells that disagree most), and the verdict."
          + " 409 while the answers are private (until the owner shows or closes the review).")
  @Refusal(value = 404, when = "No such review, or you are neither its owner nor one of its reviewers")
  @Refusal(value = 409, when = "The answers are private until the owner shows or closes the review")
  ReviewResults results(@PathVariable UUID id) {
    return reviews.results(id);
  }

  private Review review(UUID id) {
    return reviews.find(id).orElseThrow(() -> new ReviewException("id", "There is no review " + id));
  }

  private ReviewBody body(Review r) {
    var base = "/api/v1/reviews/" + r.id();
    return new ReviewBody(r.id(), r.gridId(), r.gridTitle(), r.question(), r.kind().id(), r.owner(),
        r.state().name().toLowerCase(Locale.ROOT), r.reviewers(), r.items(), r.changeable(), r.reviewer(), r.judge(),
        reviews.progress(r.id()), base + "/next", base + "/results");
  }

  private static NextBody nextBody(Optional<ReviewItem> item) {
    return new NextBody(item.isEmpty(), item.map(ReviewController::item));
  }

  private static ItemBody item(ReviewItem i) {
    var base = "/api/v1/reviews/" + i.reviewId() + "/items/" + i.position();
    var images = i.pair() ? List.of(base + "/images/0", base + "/images/1") : List.of(base + "/images/0");
    return new ItemBody(i.position(), i.total(), i.answered(), i.question(), i.kind().id(), i.kind().answers(), i.answer(),
        images, base + "/answer");
  }
}
