package workbench.run.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.DatabaseTest;
import workbench.loop.TermScores;
import workbench.run.RunEvents;
import workbench.run.RunFinished;
import workbench.run.RunProgressed;
import workbench.run.RunStatus;
import workbench.run.RunWaits;

/**
 * Run events between nodes on one database: what another node sends arrives here through
 * NOTIFY, small or large, and what this node publishes its listeners hear once.
 */
class RunNotificationsTest extends DatabaseTest {

  @Autowired RunEventHub events;
  @Autowired RunNotifications here;
  @Autowired RunStore store;
  @Autowired JdbcClient jdbc;

  private RunNotifications anotherNode;
  private final ConcurrentLinkedQueue<RunProgressed> heard = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<RunFinished> ended = new ConcurrentLinkedQueue<>();
  private Runnable stop;

  @BeforeEach
  void listen() {
    anotherNode = new RunNotifications(jdbc, store);
    stop = events.listen(new RunEvents.Listener() {
      @Override
      public void progressed(RunProgressed event) {
        heard.add(event);
      }

      @Override
      public void finished(RunFinished event) {
        ended.add(event);
      }
    });
  }

  @AfterEach
  void stopListening() throws InterruptedException {
    stop.run();
    anotherNode.destroy();
  }

  private static RunProgressed step(UUID run, int step, List<TermScores.TermScore> terms) {
    return new RunProgressed(run, step, 10, new TermScores(terms, 0.25), new byte[0], 1234);
  }

  private static void await(BooleanSupplier condition) {
    RunWaits.until("the notification", Duration.ofSeconds(20), condition);
  }

  @Test
  void anotherNodesStepsAndEndArriveWithTheirScores() throws Exception {
    var run = UUID.randomUUID();
    anotherNode.progressed(step(run, 3, List.of(new TermScores.TermScore("red apple", 1, 0.31),
        new TermScores.TermScore("table", -0.5, 0.12))));
    anotherNode.finished(new RunFinished(run, RunStatus.DONE));

    await(() -> !ended.isEmpty());
    assertThat(heard).singleElement().satisfies(e -> {
      assertThat(e.runId()).isEqualTo(run);
      assertThat(e.step()).isEqualTo(3);
      assertThat(e.steps()).isEqualTo(10);
      assertThat(e.elapsedMillis()).isEqualTo(1234);
      assertThat(e.scores()).isEqualTo(new TermScores(List.of(new TermScores.TermScore("red apple", 1, 0.31),
          new TermScores.TermScore("table", -0.5, 0.12)), 0.25));
    });
    assertThat(ended).containsExactly(new RunFinished(run, RunStatus.DONE));
  }

  @Test
  void aStepTooLargeForNotifyStillArrivesWithItsCombinedScore() throws Exception {
    var run = UUID.randomUUID();
    var terms = new ArrayList<TermScores.TermScore>();
    for (int i = 0; i < 400; i++) {
      terms.add(new TermScores.TermScore("a very long term about a watercolor hand number " + i, 1, 0.2));
    }
    anotherNode.progressed(step(run, 5, terms));
    anotherNode.finished(new RunFinished(run, RunStatus.DONE));

    await(() -> !ended.isEmpty());
    assertThat(heard).singleElement().satisfies(e -> {
      assertThat(e.step()).isEqualTo(5);
      assertThat(e.scores().combined()).isEqualTo(0.25);
    });
  }

  @Test
  void thisNodesOwnEventsAreHeardOnceNotAgainThroughTheDatabase() throws Exception {
    var run = UUID.randomUUID();
    events.progressed(step(run, 1, List.of(new TermScores.TermScore("apple", 1, 0.3))));
    events.finished(new RunFinished(run, RunStatus.DONE));
    // Another node's end, sent after ours left, comes after ours through the same channel.
    here.awaitSent();
    var marker = UUID.randomUUID();
    anotherNode.finished(new RunFinished(marker, RunStatus.DONE));

    await(() -> ended.stream().anyMatch(e -> e.runId().equals(marker)));
    assertThat(heard).extracting(RunProgressed::runId).containsExactly(run);
    assertThat(ended).containsExactly(new RunFinished(run, RunStatus.DONE), new RunFinished(marker, RunStatus.DONE));
  }
}
