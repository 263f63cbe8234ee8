package workbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** A push callback run on a worker thread sees the viewer who registered it, and only there. */
class SecuredAccessTest {

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void aCapturedContextTravelsToTheWorkerThread() throws Exception {
    SecurityContextHolder.getContext().setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated("viewer", null, java.util.List.of()));
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
}
