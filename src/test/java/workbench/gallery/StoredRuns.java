package workbench.gallery;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.loop.PngMetadata;
import workbench.loop.Recipe;
import workbench.loop.RecipeText;
import workbench.loop.Schedule;
import workbench.loop.Stage;
import workbench.prompt.PromptParser;
import workbench.run.RunStatus;

/**
 * Runs written as the worker writes them (recipe JSON, PNGs with their text chunks, term
 * scores, trace), for views and queries that must not need the models.
 */
public final class StoredRuns {

  public static final String MODEL = "sketchbook-test";

  private StoredRuns() {}

  public static Recipe recipe(String prompt, long seed, int steps) {
    var parsed = PromptParser.parse(prompt);
    var terms = parsed.terms().stream().map(t -> new Recipe.RecipeTerm(t.text(), t.weight())).toList();
    return new Recipe(prompt, parsed.dialect().id(), terms, "", seed, 64, 64, "guided",
        new Schedule(steps, List.of(new Stage(0, Map.of("rate", 0.05))), 0), 4, MODEL, "ab".repeat(32), "cpu");
  }

  /** A queued run with no job behind it: it stays queued until a test moves it on. */
  public static UUID queued(JdbcClient jdbc, Recipe recipe) {
    var id = UUID.randomUUID();
    insert(jdbc, id, recipe, RunStatus.QUEUED, 0);
    return id;
  }

  public static void markRunning(JdbcClient jdbc, UUID id, int step) {
    jdbc.sql("update run set status = 'RUNNING', started_at = now(), step = :step where id = :id")
        .param("step", step).param("id", id).update();
  }

  /** A finished run with every image, final term scores {@code score − 10·i} and a linear trace. */
  public static UUID finished(JdbcClient jdbc, Recipe recipe, RunStatus status, double score) {
    var id = UUID.randomUUID();
    insert(jdbc, id, recipe, status, recipe.steps());
    var texts = RecipeText.pngTexts(recipe);
    image(jdbc, id, "STATIC", PngMetadata.write(picture(64, Color.GRAY), texts), 64);
    image(jdbc, id, "RAW", PngMetadata.write(picture(64, new Color((int) (recipe.seed() % 200), 80, 40)), texts), 64);
    image(jdbc, id, "FINAL", PngMetadata.write(picture(256, new Color((int) (recipe.seed() % 200), 80, 40)), texts), 256);
    for (int t = 0; t < recipe.terms().size(); t++) {
      jdbc.sql("insert into term_score (run_id, term_index, text, weight, similarity) values (?, ?, ?, ?, ?)")
          .params(id, t, recipe.terms().get(t).text(), (float) recipe.terms().get(t).weight(), (float) ((score - 10 * t) / 100))
          .update();
    }
    for (int step = 0; step <= recipe.steps(); step++) {
      var values = new Float[recipe.terms().size()];
      for (int t = 0; t < values.length; t++) {
        values[t] = (float) ((score - 10 * t) / 100 * step / recipe.steps());
      }
      jdbc.sql("insert into step_trace (run_id, step, combined, terms) values (?, ?, ?, ?)")
          .params(id, step, (float) (score / 100 * step / recipe.steps()), values).update();
    }
    jdbc.sql("update run set score_initial = 0, score_final = :score, finished_at = now() where id = :id")
        .param("score", score).param("id", id).update();
    return id;
  }

  public static BufferedImage picture(int size, Color colour) {
    var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, size, size);
    g.setColor(Color.WHITE);
    g.fillOval(size / 4, size / 4, size / 2, size / 2);
    g.dispose();
    return image;
  }

  private static void insert(JdbcClient jdbc, UUID id, Recipe recipe, RunStatus status, int step) {
    jdbc.sql("""
        insert into run (id, status, recipe_json, prompt_text, seed, process, model_id, steps, step, started_at)
        values (:id, :status, :recipe, :prompt, :seed, :process, :model, :steps, :step,
                case when :status = 'QUEUED' then null else now() end)""")
        .param("id", id).param("status", status.name()).param("recipe", RecipeText.json(recipe))
        .param("prompt", recipe.prompt()).param("seed", recipe.seed()).param("process", recipe.process())
        .param("model", recipe.modelId()).param("steps", recipe.steps()).param("step", step)
        .update();
  }

  private static void image(JdbcClient jdbc, UUID id, String kind, byte[] png, int size) {
    jdbc.sql("insert into image (run_id, kind, png, width, height, sha256) values (?, ?, ?, ?, ?, ?)")
        .params(id, kind, png, size, size, "0".repeat(64)).update();
  }
}
