package workbench;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.Theme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import workbench.cli.Cli;
import workbench.model.CpuKernels;

/**
 * The workbench. With a command word first ({@code parse}, {@code train}, {@code eval}, ...)
 * the jar runs that command without a web server or database; otherwise it serves the app.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Push
@Theme("workbench")
public class Application implements AppShellConfigurator {

  public static void main(String[] args) {
    // DJL must never download engines or models: everything it needs ships in the jar.
    System.setProperty("ai.djl.offline", "true");
    if (Cli.isCommand(args)) {
      System.exit(Cli.run(Application.class, args));
    }
    // Before PyTorch runs a kernel: see CpuKernels (the CLI does it once its logs go to standard error).
    CpuKernels.guard();
    SpringApplication.run(Application.class, args);
  }
}
