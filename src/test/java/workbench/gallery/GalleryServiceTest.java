package workbench.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.DatabaseTest;
import workbench.run.SampleRuns;

/**
 * The gallery query on 5,000 stored runs: every filter narrows to the right rows, the count
 * agrees, and a page is a page (the database does LIMIT/OFFSET). Rows are written with one
 * generate_series insert per table, under a model id of their own so other tests' runs do not
 * count.
 */
class GalleryServiceTest extends DatabaseTest {

  static final int RUNS = 5000;

  @Autowired GalleryService gallery;
  @Autowired JdbcClient jdbc;

  String model;
  GalleryFilter mine;

  @BeforeEach
  void storeFiveThousandRuns() {
    model = "gallery-test-" + UUID.randomUUID().toString().substring(0, 8);
    mine = GalleryFilter.all().withModel(model);
    SampleRuns.insertRuns(jdbc, model, RUNS);
  }

  @Test
  void everyRunWithImagesIsListedNewestFirstOnePageAtATime() {
    assertThat(gallery.count(mine)).isEqualTo(RUNS);
    var first = gallery.page(mine, GallerySort.NEWEST, 0, 50);
    assertThat(first).hasSize(50);
    assertThat(first).extracting(GalleryItem::seed).startsWith(1L, 2L, 3L);
    var last = gallery.page(mine, GallerySort.NEWEST, 4980, 50);
    assertThat(last).hasSize(20);
    assertThat(last.get(19).seed()).isEqualTo(RUNS);
    assertThat(first.get(0).thumbnailPng()).isEqualTo(SampleRuns.THUMB);
    assertThat(GalleryService.pageSql(mine, GallerySort.NEWEST)).contains("limit :limit offset :offset");
  }

  @Test
  void storedSnapshotsAreTheBenchsSizeAndLeaveTheGalleryAsItWas() {
    var before = gallery.page(mine.withTerm("red apple"), GallerySort.NEWEST, 0, 50);
    SampleRuns.insertSnapshots(jdbc, model, RUNS, 3, 1_000);
    // What the bench stores: every run's snapshots, each as big as asked and none like another.
    var stored = jdbc.sql("""
        select count(*), count(distinct s.png), min(length(s.png)), max(length(s.png)), count(distinct s.step)
        from run_snapshot s join run r on r.id = s.run_id where r.model_id = ?""")
        .params(model).query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
        .single();
    assertThat(stored).containsExactly((long) RUNS * 3, (long) RUNS * 3, 1_000L, 1_000L, 3L);
    assertThat(gallery.page(mine.withTerm("red apple"), GallerySort.NEWEST, 0, 50)).usingRecursiveComparison().isEqualTo(before);
  }

  @Test
  void termMatchesWholeWordsInsideTerms() {
    var apples = mine.withTerm("apple");
    assertThat(gallery.count(apples)).isEqualTo(RUNS / 10);
    var page = gallery.page(apples, GallerySort.NEWEST, 480, 50);
    assertThat(page).hasSize(20);
    assertThat(page).allSatisfy(item -> assertThat(item.prompt()).contains("red apple"));
    assertThat(page.get(0).seed()).isEqualTo(4810);
    assertThat(gallery.count(mine.withTerm("appl"))).isZero();
    assertThat(gallery.count(mine.withTerm("pineapple"))).isEqualTo(RUNS / 10);
  }

  @Test
  void filtersCombineAndSortByScore() {
    var filter = mine.withText("APPLE").withScores(90, 99).withProcess("guided");
    // Seeds that are multiples of 10 with score seed % 100 = 90 (all even, so guided).
    assertThat(gallery.count(filter)).isEqualTo(RUNS / 100);
    assertThat(gallery.page(filter, GallerySort.NEWEST, 0, 100)).extracting(GalleryItem::seed)
        .allSatisfy(seed -> assertThat(seed % 100).isEqualTo(90));
    assertThat(gallery.count(mine.withSeed(77))).isEqualTo(1);
    assertThat(gallery.count(mine.withProcess("evolve"))).isEqualTo(RUNS / 2);

    var best = gallery.page(mine, GallerySort.BEST, 0, 3);
    assertThat(best).extracting(GalleryItem::score).containsOnly(99.0);
    var worst = gallery.page(mine, GallerySort.WORST, 0, 3);
    assertThat(worst).extracting(GalleryItem::score).containsOnly(0.0);
  }

  @Test
  void datesAreInclusiveDays() {
    // Run g was made g hours before the fixed clock of the fixture.
    var day = SampleRuns.NOW.atOffset(ZoneOffset.UTC).toLocalDate();
    int sameDay = SampleRuns.NOW.atOffset(ZoneOffset.UTC).getHour();
    assertThat(gallery.count(mine.withDates(day, day))).isEqualTo(sameDay);
    assertThat(gallery.count(mine.withDates(day.minusDays(1), day))).isEqualTo(sameDay + 24);
    assertThat(gallery.count(mine.withDates(GalleryFilter.NO_START, LocalDate.of(2000, 1, 1)))).isZero();
  }

  @Test
  void starringIsAFilter() {
    var item = gallery.page(mine, GallerySort.NEWEST, 10, 1).get(0);
    assertThat(gallery.star(item.runId(), true)).isTrue();
    assertThat(gallery.starred(item.runId())).isTrue();
    assertThat(gallery.page(mine.withStarredOnly(true), GallerySort.NEWEST, 0, 10))
        .extracting(GalleryItem::runId).containsExactly(item.runId());
    assertThat(gallery.star(UUID.randomUUID(), true)).isFalse();
  }
}
