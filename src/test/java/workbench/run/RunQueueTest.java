package workbench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
import workbench.loop.RecipeFactory;

/** The queue lives in PostgreSQL: a stop loses no job, and two instances share it. */
class RunQueueTest {

  // The services check roles: these tests start the app themselves and act as an admin.
  @AfterEach
  void signOut() {
    SignIn.out();
  }

  @TempDir Path dataDir;

  @Test
  void aQueuedRunSurvivesAStopAndRunsAfterTheNextStart() throws Exception {
    UUID id;
    // An instance that queues but never polls (as if it stopped before a worker got to it).
    try (var first = start("--workbench.data-dir=" + dataDir, "--db-scheduler.immediate-execution-enabled=false",
        "--db-scheduler.polling-interval=1h")) {
      id = first.getBean(GenerationService.class).submit(request(1), 0);
      assertThat(first.getBean(GenerationService.class).run(id).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
    }
    try (var second = start("--workbench.data-dir=" + dataDir)) {
      var run = await(second.getBean(GenerationService.class), id);
      assertThat(run.status()).isEqualTo(RunStatus.DONE);
    }
  }

  @Test
  void twoInstancesOnOneDatabaseRunEachJobOnce() throws Exception {
    try (var database = EmbeddedDatabase.start(dataDir.resolve("shared"))) {
      var url = "--spring.datasource.url=" + database.jdbcUrl();
      var password = "--spring.datasource.password=" + database.password();
      try (var a = start(url, "--spring.datasource.username=postgres", password, "--workbench.generation.worker-name=A");
          var b = start(url, "--spring.datasource.username=postgres", password, "--workbench.generation.worker-name=B")) {
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < 6; i++) {
          ids.add((i % 2 == 0 ? a : b).getBean(GenerationService.class).submit(request(10 + i), 0));
        }
        for (var id : ids) {
          assertThat(await(a.getBean(GenerationService.class), id).status()).isEqualTo(RunStatus.DONE);
        }
        var jdbc = a.getBean(JdbcClient.class);
        var attempts = jdbc.sql("select attempts from run").query(Integer.class).list();
        assertThat(attempts).hasSize(6).containsOnly(1);
        var workers = jdbc.sql("select distinct worker from run").query(String.class).set();
        assertThat(workers).isSubsetOf(Set.of("A", "B")).isNotEmpty();
        assertThat(jdbc.sql("select count(*) from image").query(Long.class).single()).isEqualTo(18);
      }
    }
  }

  static RecipeFactory.Request request(long seed) {
    return new RecipeFactory.Request("a red apple", "", seed, 3, "evolve", 2);
  }

  static Run await(GenerationService generation, UUID id) {
    return RunWaits.finished(generation, id);
  }

  static ConfigurableApplicationContext start(String... args) {
    var all = new ArrayList<>(List.of(args));
    all.add("--server.port=0");
    all.add("--spring.main.banner-mode=off");
    var context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.SERVLET).run(all.toArray(String[]::new));
    // Vaadin installs its own security context strategy at start-up: sign in after it, in it.
    SignIn.bind(context);
    SignIn.asSetupAdmin();
    return context;
  }
}
