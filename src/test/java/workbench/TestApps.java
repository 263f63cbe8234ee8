package workbench;

import java.nio.file.Path;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import workbench.account.SignIn;

/** The whole app started by a test on a data dir of its own, signed in as the setup admin. */
public final class TestApps {

  private TestApps() {}

  public static ConfigurableApplicationContext start(Path dataDir) {
    var context = new SpringApplicationBuilder(Application.class)
        .web(WebApplicationType.SERVLET)
        .run("--workbench.data-dir=" + dataDir, "--server.port=0", "--spring.main.banner-mode=off");
    // Vaadin installs its own security context strategy at start-up: sign in after it, in it.
    SignIn.bind(context);
    SignIn.asSetupAdmin();
    return context;
  }
}
