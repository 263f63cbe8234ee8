package workbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing or corrupt weights file stops loading with a message naming the file. */
class BadWeightsTest {

  @TempDir
  Path dir;

  @BeforeEach
  void copyShippedModels() throws Exception {
    var source = ModelSource.classpath();
    for (String file : new String[] {ModelCard.FILE, CheckerTraining.WEIGHTS, GeneratorTraining.WEIGHTS}) {
      Files.write(dir.resolve(file), source.read(file));
    }
  }

  @Test
  void loadsFromAFolder() {
    try (var checker = SketchbookChecker.load(ModelSource.directory(dir), Device.cpu())) {
      assertThat(checker.card().name()).isEqualTo(ModelCard.NAME);
    }
  }

  @Test
  void missingWeightsNameTheFile() throws Exception {
    Files.delete(dir.resolve(CheckerTraining.WEIGHTS));
    assertThatThrownBy(() -> SketchbookChecker.load(ModelSource.directory(dir), Device.cpu()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("missing model file")
        .hasMessageContaining(dir.resolve(CheckerTraining.WEIGHTS).toString());
  }

  @Test
  void changedBytesFailTheChecksum() throws Exception {
    byte[] bytes = Files.readAllBytes(dir.resolve(CheckerTraining.WEIGHTS));
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(dir.resolve(CheckerTraining.WEIGHTS), bytes);
    assertThatThrownBy(() -> SketchbookChecker.load(ModelSource.directory(dir), Device.cpu()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("corrupt model file")
        .hasMessageContaining(CheckerTraining.WEIGHTS);
  }

  @Test
  void garbageWithAMatchingCardStillNamesTheFile() throws Exception {
    Files.write(dir.resolve(CheckerTraining.WEIGHTS), new byte[] {1, 2, 3, 4, 5});
    ModelCard.readOrFresh(dir).writeTo(dir); // the card now vouches for the garbage
    assertThatThrownBy(() -> SketchbookChecker.load(ModelSource.directory(dir), Device.cpu()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("cannot load model file")
        .hasMessageContaining(CheckerTraining.WEIGHTS);
  }

  @Test
  void missingCardNamesIt() throws Exception {
    Files.delete(dir.resolve(ModelCard.FILE));
    assertThatThrownBy(() -> GeneratorPrior.load(ModelSource.directory(dir), Device.cpu(), null))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(ModelCard.FILE);
  }
}
