package workbench.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Sketchbook model files come from: the classpath ({@code models/sketchbook-v1/}, the
 * shipped weights) or a folder (the {@code workbench.models.dir} setting). Every file read is
 * checked against the sha256 in the model card.
 */
public sealed interface ModelSource {

  String CLASSPATH_FOLDER = "models/" + ModelCard.NAME + "/";

  public static ModelSource classpath() {
    return new Classpath();
  }

  public static ModelSource directory(Path dir) {
    return new Directory(dir);
  }

  /** Where a file would be, for messages: "classpath:models/sketchbook-v1/checker.params". */
  String describe(String file);

  /** The file's bytes; a missing file is a {@link ModelLoadException} naming it. */
  byte[] read(String file);

  default ModelCard card() {
    byte[] bytes = read(ModelCard.FILE);
    try {
      return ModelCard.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new ModelLoadException("unreadable model card " + describe(ModelCard.FILE) + ": " + e.getMessage(), e);
    }
  }

  /** The file's bytes after checking them against the card's sha256. */
  default byte[] readVerified(ModelCard card, String file) {
    byte[] bytes = read(file);
    String expected = card.sha256().get(file);
    if (expected == null) {
      throw new ModelLoadException("model card " + describe(ModelCard.FILE) + " has no sha256 for " + file);
    }
    String actual = ModelCard.sha256(bytes);
    if (!actual.equals(expected)) {
      throw new ModelLoadException("corrupt model file " + describe(file) + ": sha256 " + actual
          + " but the model card says " + expected);
    }
    return bytes;
  }

  record Classpath() implements ModelSource {
    @Override
    public String describe(String file) {
      return "classpath:" + CLASSPATH_FOLDER + file;
    }

    @Override
    public byte[] read(String file) {
      try (InputStream in = ModelSource.class.getClassLoader().getResourceAsStream(CLASSPATH_FOLDER + file)) {
        if (in == null) {
          throw new ModelLoadException("missing model file " + describe(file));
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new ModelLoadException("cannot read model file " + describe(file) + ": " + e.getMessage(), e);
      }
    }
  }

  record Directory(Path dir) implements ModelSource {
    @Override
    public String describe(String file) {
      return dir.resolve(file).toAbsolutePath().toString();
    }

    @Override
    public byte[] read(String file) {
      Path path = dir.resolve(file);
      if (!Files.isRegularFile(path)) {
        throw new ModelLoadException("missing model file " + describe(file));
      }
      try {
        return Files.readAllBytes(path);
      } catch (IOException e) {
        throw new ModelLoadException("cannot read model file " + describe(file) + ": " + e.getMessage(), e);
      }
    }
  }
}
