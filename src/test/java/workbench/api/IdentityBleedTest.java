package workbench.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import workbench.account.AppUser;
import workbench.account.Role;
import workbench.account.SignIn;
import workbench.run.RunWaits;
import workbench.run.ui.GenerateView;

/**
 * One user's request never acts as another (issue 16, finding 1). A third editor has the
 * Generate page open (its queue panel and run monitor listen to run events) while two editors
 * submit runs and grids over the API at the same time. As in production, the page's session
 * is unlocked while nobody clicks, so {@code UI.access} from an API request runs on that
 * request's thread, and Vaadin's security holder reads the page's user from its HTTP session.
 * Every answer must be the caller's, every stored row and audit event owned by its caller.
 */
class IdentityBleedTest extends RunningApi {

  private static final Routes ROUTES = new Routes().autoDiscoverViews("workbench.run.ui");

  @Autowired JdbcClient jdbc;
  private int heldLocks;

  @AfterEach
  void closeThePage() {
    var session = VaadinSession.getCurrent();
    if (session != null) {
      var lock = (ReentrantLock) session.getLockInstance();
      for (; heldLocks > 0; heldLocks--) {
        lock.lock();
      }
      MockVaadin.tearDown();
    }
  }

  @Test
  void apiRequestsOfTwoUsersStayTheirsWhileAThirdWatchesTheGeneratePage() throws Exception {
    var watcher = user("watcher", "watcher-password-1", Role.EDITOR);
    var ann = user("ann", "ann-password-1", Role.EDITOR);
    var bob = user("bob", "bob-password-1", Role.EDITOR);
    var tokens = Map.of(ann, token(ann, "ann-password-1"), bob, token(bob, "bob-password-1"));
    var started = Instant.now().minusSeconds(1);

    openGeneratePageAs(watcher);

    var pool = Executors.newFixedThreadPool(2);
    List<Answer> answers = new ArrayList<>();
    try {
      var work = new ArrayList<Callable<List<Answer>>>();
      for (var user : List.of(ann, bob)) {
        work.add(() -> traffic(user, tokens.get(user)));
      }
      for (var future : pool.invokeAll(work)) {
        answers.addAll(future.get());
      }
    } finally {
      pool.shutdown();
    }

    assertThat(answers).as("every answer is the caller's own work").allSatisfy(a ->
        assertThat(a.status()).as(a + " " + a.body()).isEqualTo(a.expected()));

    // Let the runs finish: the worker's progress events reach the page too.
    awaitNoActiveRuns();

    var owners = jdbc.sql("select owner_id, count(*) from run where created_at >= ? group by owner_id")
        .param(Timestamp.from(started)).query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2))).list();
    // Per user: two single runs and a 2×2 grid.
    assertThat(owners).as("every run is owned by the user who asked for it")
        .containsExactlyInAnyOrder(Map.entry(ann.id(), 6L), Map.entry(bob.id(), 6L));
    var gridOwners = jdbc.sql("select owner_id from experiment where created_at >= ?").param(Timestamp.from(started))
        .query(Long.class).list();
    assertThat(gridOwners).containsExactlyInAnyOrder(ann.id(), bob.id());
    var audit = jdbc.sql("select username || ' ' || action from audit_event where at >= ? and action like 'experiment.%'")
        .param(Timestamp.from(started)).query(String.class).list();
    assertThat(audit).as("the audit trail names who did it").containsExactlyInAnyOrder(
        ann.username() + " experiment.create", ann.username() + " experiment.run",
        bob.username() + " experiment.create", bob.username() + " experiment.run");
  }

  /** What one user's script does: two runs and a grid, each read back at once. */
  private List<Answer> traffic(AppUser user, String token) throws Exception {
    var answers = new ArrayList<Answer>();
    for (int seed = 1; seed <= 2; seed++) {
      var run = post("/api/v1/runs", token, "{\"prompt\": \"a red apple\", \"seed\": %d, \"steps\": 1, \"upscale\": 1}"
          .formatted(seed));
      answers.add(new Answer(user, "POST /runs", 202, run.statusCode(), run.body()));
      if (run.statusCode() == 202) {
        var read = get(run.headers().firstValue("Location").orElseThrow(), token);
        answers.add(new Answer(user, "GET /runs/{id}", 200, read.statusCode(), read.body()));
      }
    }
    var grid = post("/api/v1/grids", token, """
        {"title": "bleed %s", "variants": [{"label": "A", "prompt": "a red apple"},
         {"label": "B", "prompt": "a blue apple"}], "seeds": [1, 2], "steps": 1, "upscale": 1}"""
        .formatted(user.username()));
    answers.add(new Answer(user, "POST /grids", 202, grid.statusCode(), grid.body()));
    if (grid.statusCode() == 202) {
      var read = get(grid.headers().firstValue("Location").orElseThrow(), token);
      answers.add(new Answer(user, "GET /grids/{id}", 200, read.statusCode(), read.body()));
    }
    return answers;
  }

  record Answer(AppUser user, String what, int expected, int status, String body) {
    @Override
    public String toString() {
      return what + " by " + user.username() + ": " + status;
    }
  }

  /**
   * The watcher's Generate page, signed in as after the login form: the security context in
   * the HTTP session, where Vaadin's holder finds it during {@code UI.access}. Then the page
   * waits for push, its session unlocked (Karibu holds it for the test thread otherwise).
   */
  private void openGeneratePageAs(AppUser watcher) {
    SignIn.as(watcher);
    var auth = SecurityContextHolder.getContext().getAuthentication();
    MockVaadin.setMockRequestFactory(session -> {
      var request = new FakeRequest(session);
      request.setUserPrincipalInt(auth);
      request.setUserInRole((principal, role) -> auth.getAuthorities().stream()
          .anyMatch(a -> a.getAuthority().equals(role.startsWith("ROLE_") ? role : "ROLE_" + role)));
      return request;
    });
    MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, app, UI::new));
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(auth);
    VaadinSession.getCurrent().getSession()
        .setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
    UI.getCurrent().navigate(GenerateView.class);
    assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0)).isInstanceOf(GenerateView.class);
    SignIn.out();
    var lock = (ReentrantLock) VaadinSession.getCurrent().getLockInstance();
    while (lock.isHeldByCurrentThread()) {
      lock.unlock();
      heldLocks++;
    }
  }

  private void awaitNoActiveRuns() {
    RunWaits.until("no active runs", Duration.ofSeconds(120),
        () -> jdbc.sql("select count(*) from run where status in ('QUEUED', 'RUNNING')").query(Long.class).single() == 0);
  }
}
