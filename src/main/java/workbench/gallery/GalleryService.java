package workbench.gallery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import workbench.account.AccessSql;
import workbench.account.CurrentUser;
import workbench.run.RunStatus;
import workbench.shared.LikePatterns;

/**
 * The gallery: every run that stored images, filtered and paged in PostgreSQL (LIMIT/OFFSET
 * with a count), so thousands of images cost one small page at a time. Plain SQL over the
 * generation tables: a read model, the generation feature still owns the writes.
 *
 * <p>Every query shows only runs the caller may see ({@link AccessSql#run}): a run from a
 * private library or grid of someone else's is not there. Admins see all.
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize("hasRole('VIEWER')")
public class GalleryService {

  private final JdbcClient jdbc;
  private final CurrentUser currentUser;

  GalleryService(JdbcClient jdbc, CurrentUser currentUser) {
    this.jdbc = jdbc;
    this.currentUser = currentUser;
  }

  /** One page of the gallery, in {@code sort} order; {@code limit} at most 500. */
  public List<GalleryItem> page(GalleryFilter filter, GallerySort sort, int offset, int limit) {
    var where = where(filter);
    return jdbc.sql(pageSql(where, sort))
        .params(where.params)
        .param("limit", Math.max(0, Math.min(limit, 500)))
        .param("offset", Math.max(0, offset))
        .query(GalleryService::item)
        .list();
  }

  /** The page query: the database does the paging, so a page costs the same at any depth. */
  static String pageSql(GalleryFilter filter, GallerySort sort) {
    return pageSql(new Where(filter, CurrentUser.NONE, false), sort);
  }

  private Where where(GalleryFilter filter) {
    return new Where(filter, currentUser.id(), currentUser.admin());
  }

  private static String pageSql(Where where, GallerySort sort) {
    return """
        select r.id, r.prompt_text, r.seed, r.process, r.model_id, r.status, r.score_final,
               r.created_at, r.starred, i.png as thumb
        from run r join image i on i.run_id = r.id and i.kind = 'RAW'
        """ + where.sql + " order by " + sort.orderBy + " limit :limit offset :offset";
  }

  /** How many runs match {@code filter} (for the lazy list's size). */
  public int count(GalleryFilter filter) {
    var where = where(filter);
    return jdbc.sql("select count(*) from run r join image i on i.run_id = r.id and i.kind = 'RAW'" + where.sql)
        .params(where.params)
        .query(Integer.class)
        .single();
  }

  /** Marks or unmarks a run as a favourite; false when there is no such run (or it is not visible). */
  @Transactional
  @PreAuthorize("hasRole('EDITOR')")
  public boolean star(UUID runId, boolean starred) {
    return jdbc.sql("update run r set starred = :starred where r.id = :id" + visible())
            .param("starred", starred).param("id", runId).param("me", currentUser.id()).update() == 1;
  }

  public boolean starred(UUID runId) {
    return jdbc.sql("select starred from run r where r.id = :id" + visible()).param("id", runId)
        .param("me", currentUser.id()).query(Boolean.class).optional().orElse(false);
  }

  /** Art processes and models that occur in stored runs, for the filter choices. */
  public List<String> processes() {
    return jdbc.sql("select distinct process from run r where true" + visible() + " order by 1")
        .param("me", currentUser.id()).query(String.class).list();
  }

  public List<String> models() {
    return jdbc.sql("select distinct model_id from run r where true" + visible() + " order by 1")
        .param("me", currentUser.id()).query(String.class).list();
  }

  private String visible() {
    return currentUser.admin() ? "" : " and " + AccessSql.run("r");
  }

  /** The where clause of a filter and its parameters (values are always bound, never spliced). */
  private static final class Where {
    final Map<String, Object> params = new LinkedHashMap<>();
    final String sql;

    Where(GalleryFilter f, long me, boolean everyone) {
      var conditions = new ArrayList<String>();
      conditions.add("r.status in ('DONE', 'CANCELLED')");
      if (!everyone) {
        conditions.add(AccessSql.run("r"));
        params.put("me", me);
      }
      if (!f.text().isBlank()) {
        conditions.add("r.prompt_text ilike :text escape '\\'");
        params.put("text", "%" + likeEscape(f.text().strip()) + "%");
      }
      if (!f.term().isBlank()) {
        // A whole-word match inside any term: "apple" finds the term "red apple", not "pineapple".
        conditions.add("exists (select 1 from term_score t where t.run_id = r.id and t.text ~* :term)");
        params.put("term", "\\m" + regexEscape(f.term().strip().toLowerCase(Locale.ROOT)) + "\\M");
      }
      if (f.promptId() > 0) {
        conditions.add("r.prompt_version_id in (select v.id from prompt_version v where v.prompt_id = :prompt)");
        params.put("prompt", f.promptId());
      } else if (f.libraryId() > 0) {
        conditions.add("""
            r.prompt_version_id in (select v.id from prompt_version v join prompt p on p.id = v.prompt_id
                                    where p.library_id = :library)""");
        params.put("library", f.libraryId());
      }
      if (f.seed() >= 0) {
        conditions.add("r.seed = :seed");
        params.put("seed", f.seed());
      }
      if (!f.process().isBlank()) {
        conditions.add("r.process = :process");
        params.put("process", f.process());
      }
      if (!f.modelId().isBlank()) {
        conditions.add("r.model_id = :model");
        params.put("model", f.modelId());
      }
      if (f.minScore() > 0) {
        conditions.add("r.score_final >= :minScore");
        params.put("minScore", f.minScore());
      }
      if (f.maxScore() < 100) {
        conditions.add("r.score_final <= :maxScore");
        params.put("maxScore", f.maxScore());
      }
      if (f.from().isAfter(GalleryFilter.NO_START)) {
        conditions.add("r.created_at >= :from");
        params.put("from", f.from().atStartOfDay().atOffset(ZoneOffset.UTC));
      }
      if (f.to().isBefore(GalleryFilter.NO_END)) {
        conditions.add("r.created_at < :to");
        params.put("to", f.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
      }
      if (f.starredOnly()) {
        conditions.add("r.starred");
      }
      sql = " where " + String.join(" and ", conditions);
    }
  }

  static String likeEscape(String s) {
    return LikePatterns.escape(s);
  }

  /** In PostgreSQL's regular expressions a backslash before a non-alphanumeric makes it literal. */
  static String regexEscape(String s) {
    var out = new StringBuilder();
    s.codePoints().forEach(c -> {
      if (!Character.isLetterOrDigit(c) && c != ' ') {
        out.append('\\');
      }
      out.appendCodePoint(c);
    });
    return out.toString();
  }

  private static GalleryItem item(ResultSet rs, int row) throws SQLException {
    // A run with no score yet (queued, failed) is listed at 0.
    Float score = rs.getObject("score_final", Float.class);
    return new GalleryItem(
        rs.getObject("id", UUID.class),
        rs.getString("prompt_text"),
        rs.getLong("seed"),
        rs.getString("process"),
        rs.getString("model_id"),
        RunStatus.valueOf(rs.getString("status")),
        score == null ? 0 : score,
        rs.getTimestamp("created_at").toInstant(),
        rs.getBoolean("starred"),
        rs.getBytes("thumb"));
  }
}
