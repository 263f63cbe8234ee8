package workbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.DatabaseTest;
import workbench.loop.PngMetadata;
import workbench.loop.RecipeFactory;
import workbench.loop.TermScores;

/**
 * Every run keeps its journey: a snapshot at step 0, every {@code workbench.snapshots.every}
 * (5) steps and at its last step, stored by the worker, the same bytes when the recipe runs
 * again.
 */
class RunSnapshotsTest extends DatabaseTest {

  @Autowired GenerationService generation;
  @Autowired SnapshotSettings settings;
  @Autowired JdbcClient jdbc;

  private static final Logger log = LoggerFactory.getLogger(RunSnapshotsTest.class);

  @Test
  void snapshotsAreKeptAtStepZeroEveryFifthStepAndTheLast() throws Exception {
    assertThat(settings.every()).isEqualTo(5);
    var id = generation.submit(new RecipeFactory.Request("red apple:: table::0.5", "", 42, 7, "guided", 4), 0);
    awaitDone(id);
    var snapshots = generation.snapshots(id);

    assertThat(snapshots).extracting(RunSnapshot::step).containsExactly(0, 5, 7);
    // The guided process's current image is the scored one: no separate prediction.
    assertThat(snapshots).noneMatch(RunSnapshot::hasPredicted);
    // The journey starts at the stored static and ends at the stored raw image, at model size.
    assertThat(pixels(snapshots.get(0).png())).isEqualTo(pixels(generation.image(id, ImageKind.STATIC).orElseThrow()));
    assertThat(pixels(snapshots.get(2).png())).isEqualTo(pixels(generation.image(id, ImageKind.RAW).orElseThrow()));
    assertThat(PngMetadata.size(snapshots.get(1).png())).containsExactly(64, 64);
    assertStorageIsSmall(id, "guided");
    // Each snapshot's scores are that step's check output, as the trace has them.
    var trace = generation.trace(id);
    for (var s : snapshots) {
      assertThat(s.scores().combined()).isCloseTo(trace.get(s.step()).combined(), Offset.offset(1e-6));
      assertThat(s.scores().terms()).extracting(TermScores.TermScore::text).containsExactly("red apple", "table");
    }
  }

  @Test
  void theSameRecipeKeepsTheSameBytes() throws Exception {
    var request = new RecipeFactory.Request("a blue star:: a house::0.5", "", 7, 6, "guided", 4);
    var first = generation.snapshots(awaitDone(generation.submit(request, 0)).id());
    var again = generation.snapshots(awaitDone(generation.submit(request, 0)).id());

    assertThat(first).extracting(RunSnapshot::step).containsExactly(0, 5, 6);
    assertThat(again).hasSameSizeAs(first);
    for (int i = 0; i < first.size(); i++) {
      assertThat(again.get(i).png()).isEqualTo(first.get(i).png());
      assertThat(again.get(i).scores()).isEqualTo(first.get(i).scores());
    }
    // Not all alike: the static is not the image done.
    assertThat(first.get(0).png()).isNotEqualTo(first.get(2).png());
  }

  @Test
  void diffusionKeepsTheNoisyImageAndItsPredictionOfTheFinal() throws Exception {
    // Ten steps, so the step-5 snapshot is halfway down the schedule: at step 5 of 6 the image
    // holds too little noise to tell from its prediction.
    var id = generation.submit(new RecipeFactory.Request("a red ball on the left", "", 3, 10, "diffusion", 4), 0);
    awaitDone(id);
    var snapshots = generation.snapshots(id);

    assertThat(snapshots).extracting(RunSnapshot::step).containsExactly(0, 5, 10);
    assertThat(snapshots).allMatch(RunSnapshot::hasPredicted);
    // Step 0: the noisy image is the static itself; at the end the prediction is the image done.
    assertThat(pixels(snapshots.get(0).png())).isEqualTo(pixels(generation.image(id, ImageKind.STATIC).orElseThrow()));
    assertThat(pixels(snapshots.get(2).predictedPng())).isEqualTo(pixels(generation.image(id, ImageKind.RAW).orElseThrow()));
    // On the way, the image still holds noise its prediction of the final image does not.
    var midway = snapshots.get(1);
    assertThat(roughness(midway.png())).isGreaterThan(roughness(midway.predictedPng()));
    assertStorageIsSmall(id, "diffusion");
  }

  /**
   * The storage one snapshot costs, as PostgreSQL stores it (the README's figure comes from this
   * log line): a 64×64 PNG of pure static cannot be smaller than its 12,288 bytes of pixels, so
   * a snapshot holds at most two of those (image and prediction) with their headers.
   */
  private void assertStorageIsSmall(UUID id, String process) {
    var row = jdbc.sql("""
        select count(*), sum(pg_column_size(png)), coalesce(sum(pg_column_size(predicted_png)), 0),
               sum(pg_column_size(terms) + 4 + 4 + 16 + 24)
        from run_snapshot where run_id = ?""").params(id)
        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).single();
    long perSnapshot = (row[1] + row[2] + row[3]) / row[0];
    log.info("snapshot storage of a {} run: {} snapshots, {} bytes of images, {} of predictions, {} of scores and row"
        + " headers: {} bytes per snapshot", process, row[0], row[1], row[2], row[3], perSnapshot);
    assertThat(perSnapshot).isLessThan(2 * 13_000L);
  }

  /** Mean absolute difference of neighbouring pixels' channels: static is rough, a drawing smooth. */
  static double roughness(byte[] png) {
    var image = PngMetadata.decode(png);
    double sum = 0;
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 1; x < image.getWidth(); x++) {
        int a = image.getRGB(x - 1, y);
        int b = image.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          sum += Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
          n++;
        }
      }
    }
    return sum / n;
  }

  @Test
  void aRunNobodyMaySeeHasNoSnapshots() {
    assertThat(generation.snapshots(UUID.randomUUID())).isEmpty();
  }

  @Test
  void aBadSettingIsRefusedWithItsName() {
    Assertions.assertThatThrownBy(() -> new SnapshotSettings(0))
        .hasMessageContaining("workbench.snapshots.every must be 1 or more");
  }

  private Run awaitDone(UUID id) throws InterruptedException {
    var run = RunWaits.finished(generation, id);
    assertThat(run.status()).isEqualTo(RunStatus.DONE);
    return run;
  }

  static List<Integer> pixels(byte[] png) {
    BufferedImage image = PngMetadata.decode(png);
    var out = new ArrayList<Integer>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        out.add(image.getRGB(x, y));
      }
    }
    return out;
  }
}
