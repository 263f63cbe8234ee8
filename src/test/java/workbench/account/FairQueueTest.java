package workbench.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import workbench.loop.RecipeFactory;
import workbench.run.GenerationService;
import workbench.run.PausedQueueTest;
import workbench.run.RunEvents;
import workbench.run.RunFinished;

/** One worker, two users: a user's backlog does not hold back another user's single image. */
class FairQueueTest extends PausedQueueTest {

  @Autowired UserService users;
  @Autowired GenerationService generation;
  @Autowired RunEvents events;

  @Test
  void anotherUsersSingleRunGoesBeforeTheRestOfABacklog() throws Exception {
    SignIn.asSetupAdmin();
    var alice = users.create(SignIn.unique("alice"), "alice-password", Role.EDITOR);
    var bob = users.create(SignIn.unique("bob"), "bob-password", Role.EDITOR);
    var finished = new CopyOnWriteArrayList<UUID>();
    var stop = events.listen(new RunEvents.Listener() {
      @Override
      public void finished(RunFinished event) {
        finished.add(event.runId());
      }
    });
    try {
      var a1 = SignIn.as(alice, () -> generation.submit(request(1), 0));
      var a2 = SignIn.as(alice, () -> generation.submit(request(2), 0));
      var a3 = SignIn.as(alice, () -> generation.submit(request(3), 0));
      var b1 = SignIn.as(bob, () -> generation.submit(request(4), 0));

      assertThat(priority(a1)).isZero();
      assertThat(priority(a2)).isEqualTo(-1);
      assertThat(priority(a3)).isEqualTo(-2);
      assertThat(priority(b1)).isZero();

      openGate();
      await(() -> finished.containsAll(List.of(a1, a2, a3, b1)));
      assertThat(finished.indexOf(b1))
          .as("bob's run (order %s)", finished)
          .isLessThan(finished.indexOf(a2))
          .isLessThan(finished.indexOf(a3));
    } finally {
      stop.run();
    }
  }

  private String status(UUID run) {
    return jdbc.sql("select status from run where id = ?").params(run).query(String.class).single();
  }

  private int priority(UUID run) {
    return jdbc.sql("select priority from scheduled_tasks where task_instance = ?").params(run.toString())
        .query(Integer.class).single();
  }

  static RecipeFactory.Request request(long seed) {
    return new RecipeFactory.Request("a red apple", "", seed, 5, "guided", 1);
  }
}
