package workbench.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A review as callers see it: the grid it reviews, the question, who asked and who answers,
 * and whether its results may be read yet. {@code changeable}: the caller may show or close it.
 * {@code judge}: which independent judge answered it as one more reviewer; empty if none.
 */
public record Review(
    UUID id,
    UUID gridId,
    String gridTitle,
    String question,
    AnswerKind kind,
    String owner,
    ReviewState state,
    List<String> reviewers,
    int items,
    Instant createdAt,
    boolean changeable,
    boolean reviewer,
    String judge) {

  public Review {
    reviewers = List.copyOf(reviewers);
  }
}
