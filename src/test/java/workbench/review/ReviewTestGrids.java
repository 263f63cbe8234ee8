package workbench.review;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.account.AppUser;
import workbench.account.SignIn;
import workbench.account.Visibility;
import workbench.grid.ExperimentDefinition.Axis;
import workbench.grid.ExperimentDefinition.Variant;
import workbench.grid.ExperimentDefinition;
import workbench.grid.GridService;
import workbench.loop.PngMetadata;
import workbench.loop.SeedStatic;

/**
 * A finished 2-row grid for review tests without running the loop: the grid is made through
 * GridService, its cells' runs written straight into the tables (as SharingTest does) with
 * real PNGs that carry their prompt in a text chunk, as stored images do. The checker still
 * scores them for real when results are read.
 */
public final class ReviewTestGrids {

  public static final String PROMPT_A = "a hand with five fingers";
  public static final String PROMPT_B = "a hand:: five fingers::2";
  public static final String LABEL_A = "Baseline wording";
  public static final String LABEL_B = "Weighted fingers";

  private ReviewTestGrids() {}

  /** Owned by {@code owner}, shared with {@code readers}; row r, seed s gets checker score 40 + 10·r + s. */
  public static UUID finishedGrid(GridService grids, JdbcClient jdbc, AppUser owner, int seeds, List<String> readers) {
    return SignIn.as(owner, () -> {
      var id = grids.create(new ExperimentDefinition(SignIn.unique("Hands review"), "", List.of(
          new Variant(LABEL_A, PROMPT_A, "", 0), new Variant(LABEL_B, PROMPT_B, "", 0)),
          ExperimentDefinition.seedsFrom(100, seeds), List.of(), Axis.none(), 4, "guided", 1));
      for (int r = 0; r < 2; r++) {
        for (int s = 0; s < seeds; s++) {
          var run = insertRun(jdbc, owner.id(), r == 0 ? PROMPT_A : PROMPT_B, 100 + s, 40 + 10 * r + s);
          jdbc.sql("insert into experiment_cell (experiment_id, row_index, seed_index, axis_index, run_id) values (?, ?, ?, 0, ?)")
              .params(id, r, s, run).update();
        }
      }
      grids.share(id, Visibility.SHARED, readers);
      return id;
    });
  }

  /** The pixels a cell's image has: different for every row and seed. */
  static BufferedImage picture(int row, long seed) {
    return SeedStatic.of(seed * 10 + row, 48, 48);
  }

  private static UUID insertRun(JdbcClient jdbc, long ownerId, String prompt, long seed, double score) {
    var id = UUID.randomUUID();
    int row = prompt.equals(PROMPT_A) ? 0 : 1;
    var png = PngMetadata.write(picture(row, seed), Map.of("parameters", prompt + "\nSeed: " + seed));
    jdbc.sql("""
        insert into run (id, status, recipe_json, prompt_text, seed, process, model_id, steps, owner_id,
                         score_final, finished_at)
        values (?, 'DONE', '{}', ?, ?, 'guided', '', 4, ?, ?, now())""")
        .params(id, prompt, seed, ownerId, score).update();
    for (var kind : List.of("RAW", "FINAL")) {
      jdbc.sql("insert into image (run_id, kind, png, width, height, sha256) values (?, ?, ?, 48, 48, repeat('0', 64))")
          .params(id, kind, png).update();
    }
    return id;
  }
}
