package workbench.model.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The tiny CLIP- and diffusion-shaped models written by tools/make_test_models.py. */
public final class Fixtures {

  private Fixtures() {}

  /** src/test/resources/models-fixture, as the test classpath has it. */
  public static Path dir() {
    try {
      return Path.of(Fixtures.class.getClassLoader().getResource("models-fixture").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A writable copy of the fixtures, to break on purpose. */
  public static Path copy(Path into) {
    try (Stream<Path> files = Files.walk(dir())) {
      for (Path p : files.toList()) {
        Path target = into.resolve(dir().relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
      return into;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
