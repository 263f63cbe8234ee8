package workbench.review;

import java.util.UUID;

/**
 * One item as the blind reviewer gets it: the question, where they are in their own order,
 * and nothing else — no prompt, variant label, seed, run or score. Its images come from
 * {@code ReviewService.image(review, position, side)} with their metadata removed.
 *
 * @param position the item's place in this reviewer's shuffled order (0-based)
 * @param answer this reviewer's earlier answer to it, as they gave it; empty if none
 */
public record ReviewItem(
    UUID reviewId,
    String question,
    AnswerKind kind,
    int position,
    int total,
    int answered,
    String answer) {

  public boolean pair() {
    return kind == AnswerKind.PAIRWISE;
  }
}
