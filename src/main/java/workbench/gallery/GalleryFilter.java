package workbench.gallery;

import java.time.LocalDate;

/**
 * What the gallery shows. Blank text and 0 ids mean "any"; {@code seed} −1 means any seed;
 * scores are 0–100 and dates inclusive (in UTC). Build with {@link #all()} and the withers.
 */
public record GalleryFilter(
    String text,
    String term,
    long libraryId,
    long promptId,
    long seed,
    String process,
    String modelId,
    double minScore,
    double maxScore,
    LocalDate from,
    LocalDate to,
    boolean starredOnly) {

  public static final LocalDate NO_START = LocalDate.of(1970, 1, 1);
  public static final LocalDate NO_END = LocalDate.of(9999, 12, 31);

  public static GalleryFilter all() {
    return new GalleryFilter("", "", 0, 0, -1, "", "", 0, 100, NO_START, NO_END, false);
  }

  public GalleryFilter withText(String value) {
    return new GalleryFilter(value, term, libraryId, promptId, seed, process, modelId, minScore, maxScore, from, to, starredOnly);
  }

  public GalleryFilter withTerm(String value) {
    return new GalleryFilter(text, value, libraryId, promptId, seed, process, modelId, minScore, maxScore, from, to, starredOnly);
  }

  public GalleryFilter withLibrary(long library, long prompt) {
    return new GalleryFilter(text, term, library, prompt, seed, process, modelId, minScore, maxScore, from, to, starredOnly);
  }

  public GalleryFilter withSeed(long value) {
    return new GalleryFilter(text, term, libraryId, promptId, value, process, modelId, minScore, maxScore, from, to, starredOnly);
  }

  public GalleryFilter withProcess(String value) {
    return new GalleryFilter(text, term, libraryId, promptId, seed, value, modelId, minScore, maxScore, from, to, starredOnly);
  }

  public GalleryFilter withModel(String value) {
    return new GalleryFilter(text, term, libraryId, promptId, seed, process, value, minScore, maxScore, from, to, starredOnly);
  }

  public GalleryFilter withScores(double min, double max) {
    return new GalleryFilter(text, term, libraryId, promptId, seed, process, modelId, min, max, from, to, starredOnly);
  }

  public GalleryFilter withDates(LocalDate start, LocalDate end) {
    return new GalleryFilter(text, term, libraryId, promptId, seed, process, modelId, minScore, maxScore, start, end, starredOnly);
  }

  public GalleryFilter withStarredOnly(boolean value) {
    return new GalleryFilter(text, term, libraryId, promptId, seed, process, modelId, minScore, maxScore, from, to, value);
  }
}
