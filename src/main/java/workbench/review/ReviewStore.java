package workbench.review;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reviews, their frozen items, invited reviewers and answers, in PostgreSQL. */
@Repository
class ReviewStore {

  private final JdbcClient jdbc;

  ReviewStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Row(UUID id, UUID gridId, String question, AnswerKind kind, @Nullable Long ownerId, ReviewState state,
      Instant createdAt, int items) {}

  /** A frozen item: a cell, or for pairwise two rows' cells on the same seed and axis value. */
  record Item(int index, int seedIndex, int axisIndex, int rowA, @Nullable UUID runA, int rowB, @Nullable UUID runB) {}

  record Answer(long userId, int item, @Nullable Short value) {}

  void insert(UUID id, UUID gridId, String question, AnswerKind kind, @Nullable Long ownerId, List<Item> items) {
    jdbc.sql("insert into review (id, experiment_id, question, kind, owner_id) values (?, ?, ?, ?, ?)")
        .params(id, gridId, question, kind.name(), ownerId).update();
    for (var item : items) {
      jdbc.sql("""
          insert into review_item (review_id, item_index, seed_index, axis_index, row_a, run_a, row_b, run_b)
          values (?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(id, item.index(), item.seedIndex(), item.axisIndex(), item.rowA(), item.runA(),
              item.rowB() < 0 ? null : item.rowB(), item.runB())
          .update();
    }
  }

  void invite(UUID id, long userId, long shuffleSeed) {
    jdbc.sql("insert into review_reviewer (review_id, user_id, shuffle_seed) values (?, ?, ?) on conflict do nothing")
        .params(id, userId, shuffleSeed).update();
  }

  Optional<Row> find(UUID id) {
    return jdbc.sql("""
        select r.id, r.experiment_id, r.question, r.kind, r.owner_id, r.state, r.created_at,
               (select count(*) from review_item i where i.review_id = r.id)
        from review r where r.id = ?""")
        .params(id)
        .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
            AnswerKind.valueOf(rs.getString(4)), (Long) rs.getObject(5, Long.class), ReviewState.valueOf(rs.getString(6)),
            rs.getTimestamp(7).toInstant(), rs.getInt(8)))
        .optional();
  }

  /** Reviews the user owns or was invited to, newest first; every review when {@code all}. */
  List<UUID> ids(long userId, boolean all) {
    return jdbc.sql("""
        select r.id from review r where :all or r.owner_id = :me
           or exists (select 1 from review_reviewer v where v.review_id = r.id and v.user_id = :me)
        order by r.created_at desc limit 500""")
        .param("all", all).param("me", userId).query(UUID.class).list();
  }

  List<UUID> idsOfGrid(UUID gridId) {
    return jdbc.sql("select id from review where experiment_id = ? order by created_at").params(gridId).query(UUID.class).list();
  }

  /** Reviewer id → their shuffle seed, in invitation order. */
  Map<Long, Long> reviewers(UUID id) {
    var out = new LinkedHashMap<Long, Long>();
    jdbc.sql("select user_id, shuffle_seed from review_reviewer where review_id = ? order by user_id").params(id)
        .query((rs, n) -> out.put(rs.getLong(1), rs.getLong(2))).list();
    return out;
  }

  List<Item> items(UUID id) {
    return jdbc.sql("""
        select item_index, seed_index, axis_index, row_a, run_a, coalesce(row_b, -1), run_b
        from review_item where review_id = ? order by item_index""")
        .params(id)
        .query((rs, n) -> new Item(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getObject(5, UUID.class),
            rs.getInt(6), rs.getObject(7, UUID.class)))
        .list();
  }

  List<Answer> answers(UUID id) {
    return jdbc.sql("select user_id, item_index, value from review_answer where review_id = ?").params(id)
        .query((rs, n) -> new Answer(rs.getLong(1), rs.getInt(2), (Short) rs.getObject(3, Short.class))).list();
  }

  /** One reviewer's answers: item index → value (null: skipped). */
  Map<Integer, @Nullable Short> answersOf(UUID id, long userId) {
    var out = new HashMap<Integer, @Nullable Short>();
    jdbc.sql("select item_index, value from review_answer where review_id = ? and user_id = ?").params(id, userId)
        .query((rs, n) -> out.put(rs.getInt(1), (Short) rs.getObject(2, Short.class))).list();
    return out;
  }

  /**
   * Saves (or replaces) one answer, only while the review takes answers: the state is checked
   * in the same statement, so an answer racing a close cannot land after it.
   */
  boolean answer(UUID id, long userId, int item, @Nullable Short value) {
    return jdbc.sql("""
        insert into review_answer (review_id, user_id, item_index, value)
        select ?, ?, ?, ? where exists (select 1 from review where id = ? and state <> 'CLOSED')
        on conflict (review_id, user_id, item_index) do update set value = excluded.value, answered_at = now()""")
        .params(id, userId, item, value, id).update() == 1;
  }

  /** The judge's answers stand for a reviewer of this id in the analysis; no app_user has it. */
  static final long JUDGE = -1;

  /** An answer of the judge; {@code reason} says why it gave none (value null), else empty. */
  record JudgeAnswer(int item, @Nullable Short value, String reason) {}

  /** Which judge answered the review, if one joined it. */
  Optional<String> judge(UUID id) {
    return jdbc.sql("select model from review_judge where review_id = ?").params(id).query(String.class).optional();
  }

  /**
   * The judge joins with all its answers, once: false when it had already joined (the primary
   * key decides, so two owners clicking at once store one set).
   */
  boolean addJudge(UUID id, String model, @Nullable Long addedBy, List<JudgeAnswer> answers) {
    if (jdbc.sql("insert into review_judge (review_id, model, added_by) values (?, ?, ?) on conflict do nothing")
        .params(id, model, addedBy).update() == 0) {
      return false;
    }
    for (var a : answers) {
      jdbc.sql("insert into review_judge_answer (review_id, item_index, value, reason) values (?, ?, ?, ?)")
          .params(id, a.item(), a.value(), a.reason()).update();
    }
    return true;
  }

  List<JudgeAnswer> judgeAnswers(UUID id) {
    return jdbc.sql("select item_index, value, reason from review_judge_answer where review_id = ? order by item_index")
        .params(id)
        .query((rs, n) -> new JudgeAnswer(rs.getInt(1), (Short) rs.getObject(2, Short.class), rs.getString(3))).list();
  }

  void state(UUID id, ReviewState state) {
    jdbc.sql("update review set state = ? where id = ?").params(state.name(), id).update();
  }
}
