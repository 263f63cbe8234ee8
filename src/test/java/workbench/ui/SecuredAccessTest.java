package workbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/** A push callback run on another thread sees the viewer who registered it, and only there. */
class SecuredAccessTest {

  private final SecurityContextHolderStrategy before = SecurityContextHolder.getContextHolderStrategy();

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
    SecurityContextHolder.setContextHolderStrategy(before);
  }

  @Test
  void aCapturedContextTravelsToTheWorkerThread() throws Exception {
    SecurityContextHolder.getContext().setAuthentication(user("viewer"));
    var asViewer = SecuredAccess.capture();
    SecurityContextHolder.clearContext(); // the request ends

    var seen = new AtomicReference<Authentication>();
    var afterwards = new AtomicReference<Authentication>();
    CompletableFuture.runAsync(() -> {
      asViewer.bind(() -> seen.set(SecurityContextHolder.getContext().getAuthentication())).run();
      afterwards.set(SecurityContextHolder.getContext().getAuthentication());
    }).get();

    assertThat(seen.get().getName()).isEqualTo("viewer");
    assertThat(afterwards.get()).isNull();
  }

  /**
   * Issue 16: another user's API request changes the queue; the viewer's page is free, so
   * {@code UI.access} runs on that request's thread, where Vaadin's holder answers from the
   * page's HTTP session. The request must go on as its own user.
   */
  @Test
  void aPageUpdateOnAnotherUsersRequestThreadLeavesThatUsersContext() throws Exception {
    var vaadinHolder = new VaadinAwareSecurityContextHolderStrategy();
    SecurityContextHolder.setContextHolderStrategy(vaadinHolder);
    MockVaadin.setup();
    var lock = (ReentrantLock) VaadinSession.getCurrent().getLockInstance();
    int held = 0;
    try {
      var signedIn = vaadinHolder.createEmptyContext();
      signedIn.setAuthentication(user("viewer"));
      VaadinSession.getCurrent().getSession()
          .setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, signedIn);
      var ui = UI.getCurrent();
      var asViewer = SecuredAccess.capture();
      while (lock.isHeldByCurrentThread()) { // the page waits for push: its session is free
        lock.unlock();
        held++;
      }

      var seen = new AtomicReference<Authentication>();
      var afterwards = new AtomicReference<Authentication>();
      CompletableFuture.runAsync(() -> { // the API request of "ann"
        var own = vaadinHolder.createEmptyContext();
        own.setAuthentication(user("ann"));
        vaadinHolder.setContext(own);
        try {
          ui.access(asViewer.bind(() -> seen.set(vaadinHolder.getContext().getAuthentication()))::run);
          afterwards.set(vaadinHolder.getContext().getAuthentication());
        } finally {
          vaadinHolder.clearContext();
        }
      }).get();

      assertThat(seen.get().getName()).as("the page refreshes as its viewer").isEqualTo("viewer");
      assertThat(afterwards.get().getName()).as("the request goes on as its own user").isEqualTo("ann");
    } finally {
      for (; held > 0; held--) {
        lock.lock();
      }
      MockVaadin.tearDown();
    }
  }

  private static Authentication user(String name) {
    return UsernamePasswordAuthenticationToken.authenticated(name, null, List.of());
  }
}
