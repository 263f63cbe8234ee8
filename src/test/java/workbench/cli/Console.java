package workbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A command's stdout and stderr as a script sees them: {@code System.out} and {@code System.err}
 * captured for each test ({@code @RegisterExtension}) and put back after it.
 */
final class Console implements BeforeEachCallback, AfterEachCallback {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream realOut = System.out;
  private PrintStream realErr = System.err;

  @Override
  public void beforeEach(ExtensionContext context) {
    realOut = System.out;
    realErr = System.err;
    out.reset();
    err.reset();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setOut(realOut);
    System.setErr(realErr);
  }

  /** What the command printed to stdout, with Unix line ends. */
  String stdout() {
    return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  /** What the command (and the logging) printed to stderr, with Unix line ends. */
  String stderr() {
    return err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
  }
}
