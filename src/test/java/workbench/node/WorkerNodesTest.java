package workbench.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.Application;
import workbench.account.SignIn;
import workbench.db.EmbeddedDatabase;
import workbench.grid.ExperimentDefinition.Axis;
import workbench.grid.ExperimentDefinition.Variant;
import workbench.grid.ExperimentDefinition;
import workbench.grid.ExperimentResult;
import workbench.grid.GridService;
import workbench.run.RunEvents;
import workbench.run.RunFinished;
import workbench.run.RunProgressed;
import workbench.run.RunStatus;
import workbench.run.RunWaits;

/**
 * A team deployment on one PostgreSQL: a {@code ui} instance and two {@code worker}s. One
 * worker is a child JVM, SIGKILLed in the middle of a grid (as by the OOM killer): the other
 * takes its job over after the heartbeat timeout, every cell is stored exactly once, and the
 * ui instance, which runs nothing itself, hears every step from whichever worker ran it.
 */
public class WorkerNodesTest {

  /**
   * The settings by which instances share a deployment, as this test sets them: the same
   * names (as environment variables) are what docker-compose.yml sets (DeploymentFilesTest).
   */
  public static final List<String> INSTANCE_SETTINGS = List.of("spring.datasource.url", "spring.datasource.username",
      "db-scheduler.heartbeat-interval", "db-scheduler.missed-heartbeats-limit", "workbench.role",
      "workbench.generation.worker-name", "workbench.data-dir");

  private static final String DOOMED = "doomed";
  private static final String SURVIVOR = "survivor";

  @TempDir Path dataDir;

  @AfterEach
  void signOut() {
    SignIn.out();
  }

  static ExperimentDefinition twoByThree() {
    return new ExperimentDefinition("Cluster", "", List.of(Variant.typed("A", "a red apple"),
        Variant.typed("B", "a green apple")), ExperimentDefinition.seedsFrom(7, 3), List.of("apple"), Axis.none(),
        30, "guided", 1);
  }

  @Test
  void aWorkerKilledMidGridHasItsCellsDoneOnceByAnotherAndTheUiHearsEveryStep() throws Exception {
    long t0 = System.nanoTime();
    Process child = null;
    try (var database = EmbeddedDatabase.start(dataDir.resolve("shared"))) {
      // Short heartbeats (the library's least: 4 missed) so that a dead worker's job moves in seconds.
      var common = List.of(
          "--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=postgres",
          "--spring.datasource.password=" + database.password(),
          "--db-scheduler.heartbeat-interval=1s", "--db-scheduler.missed-heartbeats-limit=4",
          "--db-scheduler.polling-interval=300ms", "--workbench.grid.batch-size=2",
          "--workbench.generation.workers=1", "--workbench.data-dir=" + dataDir);
      var childLog = dataDir.resolve("doomed.log");
      child = startChild(with(common, "--workbench.role=worker", "--workbench.generation.worker-name=" + DOOMED), childLog);
      try (var ui = start(with(common, "--workbench.role=ui", "--workbench.generation.worker-name=ui"));
          var survivor = start(with(common, "--workbench.role=worker", "--workbench.generation.worker-name=" + SURVIVOR))) {
        awaitChild(child, childLog);
        long started = System.nanoTime();
        System.out.printf("instances up after %.1f s%n", seconds(t0));

        var heardOnUi = new ConcurrentLinkedQueue<RunProgressed>();
        var finishedOnUi = new ConcurrentLinkedQueue<RunFinished>();
        ui.getBean(RunEvents.class).listen(new RunEvents.Listener() {
          @Override
          public void progressed(RunProgressed event) {
            heardOnUi.add(event);
          }

          @Override
          public void finished(RunFinished event) {
            finishedOnUi.add(event);
          }
        });
        var heardOnSurvivor = new ConcurrentLinkedQueue<RunProgressed>();
        survivor.getBean(RunEvents.class).listen(new RunEvents.Listener() {
          @Override
          public void progressed(RunProgressed event) {
            heardOnSurvivor.add(event);
          }
        });

        SignIn.bind(ui);
        SignIn.asSetupAdmin();
        var grids = ui.getBean(GridService.class);
        var nodes = ui.getBean(WorkerNodes.class);
        var jdbc = ui.getBean(JdbcClient.class);
        var id = grids.create(twoByThree());
        assertThat(grids.start(id)).isEqualTo(6);

        // The child is well into a job (its steps reach the ui node), and its heartbeat row says so.
        await(Duration.ofSeconds(90), () -> !doomedRuns(jdbc, 5).isEmpty()
            && nodes.nodes().stream().anyMatch(n -> n.name().equals(DOOMED) && !n.running().isEmpty()));
        var killed = doomedRuns(jdbc, 0);
        var doomedNode = nodes.nodes().stream().filter(n -> n.name().equals(DOOMED)).findFirst().orElseThrow();
        assertThat(doomedNode.role()).isEqualTo(NodeRole.WORKER);
        assertThat(doomedNode.running()).containsExactly("grid 'Cluster': " + killed.size() + " cells");
        var heardFromDoomed = heardOnUi.stream().filter(e -> killed.contains(e.runId())).count();
        child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, the job stays picked
        long doneAtKill = grids.result(id).done();
        System.out.printf("killed %s in runs %s at %.1f s, %d of 6 cells done%n", DOOMED, killed, seconds(started), doneAtKill);
        assertThat(doneAtKill).as("the kill lands mid-grid").isLessThan(6);
        assertThat(heardFromDoomed).as("steps from the child JVM reached the ui node").isPositive();

        var result = awaitFinished(grids, id);
        System.out.printf("grid finished %.1f s after its start (%.1f s in all)%n", seconds(started), seconds(t0));

        // Every cell done, each stored exactly once.
        assertThat(result.done()).isEqualTo(6);
        var runs = result.cells().stream().map(c -> c.runId().orElseThrow()).toList();
        assertThat(Set.copyOf(runs)).hasSize(6);
        for (var run : runs) {
          assertThat(jdbc.sql("select kind from image where run_id = ?").params(run).query(String.class).list())
              .as("images of run %s", run).containsExactlyInAnyOrder("STATIC", "RAW", "FINAL");
          assertThat(jdbc.sql("select count(*) from step_trace where run_id = ?").params(run).query(Long.class).single())
              .as("trace of run %s", run).isEqualTo(31);
        }
        assertThat(jdbc.sql("select count(*) from experiment_cell where experiment_id = ?").params(id).query(Long.class).single())
            .isEqualTo(6);
        assertThat(jdbc.sql("select count(*) from run_preview").query(Long.class).single()).as("previews of ended runs").isZero();
        // The killed runs ran again on the survivor; nothing ran twice otherwise, nothing on the ui node.
        for (var run : runs) {
          var row = jdbc.sql("select worker, attempts from run where id = ?").params(run)
              .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2))).single();
          if (killed.contains(run)) {
            assertThat(row).isEqualTo(Map.entry(SURVIVOR, 2));
          } else {
            assertThat(row.getValue()).as("attempts of run %s", run).isEqualTo(1);
            assertThat(row.getKey()).isIn(SURVIVOR, DOOMED);
          }
        }
        assertThat(jdbc.sql("select count(*) from scheduled_tasks").query(Long.class).single()).as("no job left").isZero();

        // The ui node heard every step of every run, from the worker that ran it, and every end.
        for (var run : runs) {
          assertThat(heardOnUi).as("last step of %s heard on the ui node", run)
              .anyMatch(e -> e.runId().equals(run) && e.step() == 30 && e.scores().terms().size() == 1);
          assertThat(finishedOnUi).contains(new RunFinished(run, RunStatus.DONE));
        }
        assertThat(heardOnUi).as("previews come through the database").anyMatch(e -> e.previewPng().length > 0);
        // A node hears its own events once: the survivor's own runs, step by step, no repeats.
        var survivorOnly = runs.stream().filter(r -> !killed.contains(r)).filter(r -> jdbc.sql(
            "select worker from run where id = ?").params(r).query(String.class).single().equals(SURVIVOR)).toList();
        assertThat(survivorOnly).isNotEmpty();
        var perStep = new HashMap<String, Integer>();
        heardOnSurvivor.stream().filter(e -> survivorOnly.contains(e.runId()))
            .forEach(e -> perStep.merge(e.runId() + "/" + e.step(), 1, Integer::sum));
        assertThat(perStep).hasSize(survivorOnly.size() * 31);
        assertThat(perStep.values()).containsOnly(1);

        // The Admin page's list: the killed worker is gone, the others are live with what they run on.
        await(Duration.ofSeconds(10), () -> nodes.nodes().stream().anyMatch(n -> n.name().equals(DOOMED) && n.gone()));
        var byName = new HashMap<String, WorkerNode>();
        nodes.nodes().forEach(n -> byName.put(n.name(), n));
        assertThat(byName.get(SURVIVOR)).satisfies(n -> {
          assertThat(n.gone()).isFalse();
          assertThat(n.role()).isEqualTo(NodeRole.WORKER);
          assertThat(n.device()).isEqualTo("cpu()");
          assertThat(n.modelId()).isNotEmpty();
          assertThat(n.threads()).isEqualTo(1);
        });
        assertThat(byName.get("ui")).satisfies(n -> {
          assertThat(n.gone()).isFalse();
          assertThat(n.role()).isEqualTo(NodeRole.UI);
          assertThat(n.threads()).isZero();
        });

        // A worker serves the health check and no pages; the ui node serves both.
        assertThat(get(survivor, "/actuator/health")).startsWith("200 ").contains("\"UP\"");
        assertThat(get(survivor, "/")).startsWith("404 ").contains("worker node");
        assertThat(get(ui, "/actuator/health")).startsWith("200 ").contains("\"UP\"");
        assertThat(get(ui, "/login")).startsWith("200 ");
      }
    } finally {
      if (child != null) {
        child.destroyForcibly();
      }
      System.out.printf("test took %.1f s%n", seconds(t0));
    }
  }

  /** Runs of the grid the doomed worker is executing, at step {@code atLeast} or further. */
  private static List<UUID> doomedRuns(JdbcClient jdbc, int atLeast) {
    return jdbc.sql("select id from run where worker = ? and status = 'RUNNING' and step >= ?")
        .params(DOOMED, atLeast).query(UUID.class).list();
  }

  private static ExperimentResult awaitFinished(GridService grids, UUID id) throws InterruptedException {
    await(Duration.ofMinutes(2), () -> grids.result(id).done() == 6);
    return grids.result(id);
  }

  private static void await(Duration limit, BooleanSupplier condition) {
    RunWaits.until("the nodes", limit, condition);
  }

  private static String get(ConfigurableApplicationContext app, String path) throws Exception {
    var port = app.getEnvironment().getProperty("local.server.port");
    var response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static List<String> with(List<String> common, String... more) {
    var all = new ArrayList<>(common);
    all.addAll(List.of(more));
    return all;
  }

  static ConfigurableApplicationContext start(List<String> args) {
    setsAllInstanceSettings(args);
    var all = with(args, "--server.port=0", "--spring.main.banner-mode=off");
    return new SpringApplicationBuilder(Application.class).web(WebApplicationType.SERVLET).run(all.toArray(String[]::new));
  }

  private static void setsAllInstanceSettings(List<String> args) {
    for (var setting : INSTANCE_SETTINGS) {
      assertThat(args).as("an instance's settings").anyMatch(a -> a.startsWith("--" + setting + "="));
    }
  }

  private static Process startChild(List<String> args, Path log) throws Exception {
    setsAllInstanceSettings(args);
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var command = new ArrayList<>(List.of(java, "-Xmx1g", "-Dai.djl.offline=true", "-cp",
        System.getProperty("java.class.path"), ChildWorker.class.getName()));
    command.addAll(args);
    // Its log goes to a file: a pipe nobody reads would fill up and stop the child.
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static void awaitChild(Process child, Path log) throws InterruptedException {
    await(Duration.ofSeconds(120), () -> {
      if (!child.isAlive()) {
        throw new AssertionError("the child worker exited: " + tail(log));
      }
      return tail(log).contains(ChildWorker.READY);
    });
  }

  private static String tail(Path log) {
    try {
      var text = Files.readString(log);
      return text.substring(Math.max(0, text.length() - 4000));
    } catch (IOException e) {
      return "";
    }
  }

  /** The worker in a JVM of its own, so that it can be killed for real. */
  public static final class ChildWorker {
    static final String READY = "WORKER READY";

    public static void main(String[] args) throws Exception {
      start(List.of(args));
      System.out.println(READY);
      System.out.flush();
      Thread.sleep(600_000);
    }
  }
}
