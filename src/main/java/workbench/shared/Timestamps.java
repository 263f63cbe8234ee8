package workbench.shared;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How pages write instants: one format for each use, so every table of its kind reads alike. */
public final class Timestamps {

  /** To the second in UTC: the Admin page's tables (users, audit, nodes), read across machines and time zones. */
  public static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);

  /** To the minute in UTC: API tokens, whose times a script's logs (in UTC) are held against. */
  public static final DateTimeFormatter UTC_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(ZoneOffset.UTC);

  /** To the minute in the server's zone: when a library, version, run or grid was made. */
  public static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(ZoneId.systemDefault());

  private Timestamps() {}
}
