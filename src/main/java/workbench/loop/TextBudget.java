package workbench.loop;

import java.time.Duration;
import java.util.Locale;

/**
 * What reading the text of an untrusted PNG may cost: the text of all its chunks together
 * (so that a thousand small deflate bombs cannot add up to gigabytes, as a cap per chunk let
 * them) and wall time (a guard should a parser ever turn slow again). One per read; not
 * thread-safe. Refusals are {@link Exceeded}, which says which limit was hit.
 */
public final class TextBudget {

  /** Defaults for callers without settings of their own (the gallery's recall has settings). */
  public static final long DEFAULT_MAX_TEXT_BYTES = 16L * 1024 * 1024;
  public static final Duration DEFAULT_MAX_TIME = Duration.ofSeconds(5);

  public enum Limit { TEXT_SIZE, TIME }

  private final long maxTextBytes;
  private final Duration maxTime;
  private final long deadline;
  private long used;

  private TextBudget(long maxTextBytes, Duration maxTime) {
    this.maxTextBytes = maxTextBytes;
    this.maxTime = maxTime;
    this.deadline = System.nanoTime() + maxTime.toNanos();
  }

  /** Starts the clock now. */
  public static TextBudget of(long maxTextBytes, Duration maxTime) {
    return new TextBudget(maxTextBytes, maxTime);
  }

  public static TextBudget standard() {
    return of(DEFAULT_MAX_TEXT_BYTES, DEFAULT_MAX_TIME);
  }

  public long maxTextBytes() {
    return maxTextBytes;
  }

  public Duration maxTime() {
    return maxTime;
  }

  /** Counts {@code bytes} of decoded text; refuses before the total passes the budget. */
  void spend(long bytes) {
    if (bytes > maxTextBytes - used) {
      throw new Exceeded(Limit.TEXT_SIZE, "its text chunks unpack to over " + megabytes(maxTextBytes) + " in all");
    }
    used += bytes;
    checkTime();
  }

  void checkTime() {
    if (System.nanoTime() - deadline >= 0) {
      throw new Exceeded(Limit.TIME, "reading its text took over " + seconds(maxTime));
    }
  }

  public static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  public static String seconds(Duration time) {
    return String.format(Locale.ROOT, "%.1f s", time.toMillis() / 1000.0);
  }

  /** A PNG whose text is over budget; the message says which and how much. */
  public static final class Exceeded extends IllegalArgumentException {

    private final Limit limit;

    Exceeded(Limit limit, String message) {
      super(message);
      this.limit = limit;
    }

    public Limit limit() {
      return limit;
    }
  }
}
