package workbench.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.model.ModelLoadException;

class ModelRegistryTest {

  @TempDir
  Path temp;

  @Test
  void findsTheCheckerAndTheGeneratorOfAFolder() {
    try (var registry = ModelRegistry.scan(Fixtures.dir())) {
      assertThat(registry.checkers()).extracting(ModelRegistry.Entry::id).containsExactly("tiny-clip");
      assertThat(registry.generators()).extracting(ModelRegistry.Entry::id).containsExactly("tiny-sd");
      assertThat(registry.problems()).isEmpty();
      var clip = registry.entry("tiny-clip", ModelManifest.CHECKER);
      assertThat(clip.manifest().inputSize()).isEqualTo(32);
      assertThat(clip.weightsSha256()).hasSize(64).isNotEqualTo(registry.entry("tiny-sd", ModelManifest.GENERATOR).weightsSha256());
    }
  }

  @Test
  void aFolderWithoutItsWeightsIsLeftOutNamingFolderAndField() throws IOException {
    var dir = Fixtures.copy(temp);
    Files.delete(dir.resolve("tiny-clip/clip.pt"));
    try (var registry = ModelRegistry.scan(dir)) {
      assertThat(registry.checkers()).isEmpty();
      assertThat(registry.generators()).hasSize(1);
      assertThat(registry.problems()).singleElement().asString()
          .contains(dir.resolve("tiny-clip").toAbsolutePath().toString())
          .contains("field 'files.model'")
          .contains("clip.pt, which is missing");
    }
  }

  @Test
  void aWrongKindIsNamed() throws IOException {
    var dir = Fixtures.copy(temp);
    rewrite(dir.resolve("tiny-clip/model.json"), "\"kind\": \"checker\"", "\"kind\": \"painter\"");
    try (var registry = ModelRegistry.scan(dir)) {
      assertThat(registry.problems()).singleElement().asString()
          .contains("tiny-clip").contains("field 'kind'").contains("'painter'");
    }
  }

  @Test
  void aMissingManifestIsNamed() throws IOException {
    var dir = Fixtures.copy(temp);
    Files.delete(dir.resolve("tiny-sd/model.json"));
    try (var registry = ModelRegistry.scan(dir)) {
      assertThat(registry.generators()).isEmpty();
      assertThat(registry.problems()).singleElement().asString().contains("tiny-sd").contains("has no model.json");
    }
  }

  @Test
  void weightsThatDoNotMatchTheirHashAreRefusedBeforeLoading() throws IOException {
    var dir = Fixtures.copy(temp);
    Files.write(dir.resolve("tiny-clip/clip.pt"), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
    try (var registry = ModelRegistry.scan(dir)) {
      assertThatThrownBy(() -> registry.checker("tiny-clip"))
          .isInstanceOf(ModelLoadException.class)
          .hasMessageContaining(dir.resolve("tiny-clip").toAbsolutePath().toString())
          .hasMessageContaining("field 'sha256.clip.pt'")
          .hasMessageContaining("but clip.pt has sha256");
    }
  }

  @Test
  void askingForTheWrongKindSaysWhatTheModelIs() {
    try (var registry = ModelRegistry.scan(Fixtures.dir())) {
      assertThatThrownBy(() -> registry.checker("tiny-sd")).hasMessageContaining("'tiny-sd'").hasMessageContaining("is a generator, not a checker");
      assertThatThrownBy(() -> registry.generator("nope")).hasMessageContaining("unknown model 'nope'").hasMessageContaining("tiny-clip, tiny-sd");
    }
  }

  @Test
  void aGpuModelOnAMachineWithoutOneSaysSo() throws IOException {
    Assumptions.assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a GPU");
    var dir = Fixtures.copy(temp);
    rewrite(dir.resolve("tiny-clip/model.json"), "\"device\": \"cpu\"", "\"device\": \"gpu\"");
    try (var registry = ModelRegistry.scan(dir)) {
      assertThatThrownBy(() -> registry.checker("tiny-clip"))
          .hasMessageContaining("model tiny-clip asks for gpu but this machine has no GPU (DJL sees 0 GPUs)");
    }
  }

  @Test
  void aModelBiggerThanItsDeviceIsRefusedWithBothSizes() {
    try (var registry = ModelRegistry.scan(Fixtures.dir())) {
      var entry = registry.entry("tiny-sd", ModelManifest.GENERATOR);
      assertThatThrownBy(() -> ModelRegistry.checkFits(entry, Device.cpu(), 1000))
          .hasMessageContaining("model tiny-sd is too big for cpu()").hasMessageContaining("GB of memory");
      ModelRegistry.checkFits(entry, Device.cpu(), 1L << 30); // fits: no exception
    }
  }

  @Test
  void aMissingModelsFolderIsNamedWithItsSetting() {
    assertThatThrownBy(() -> ModelRegistry.scan(temp.resolve("nowhere")))
        .hasMessageContaining("nowhere").hasMessageContaining("workbench.models.dir");
  }

  static void rewrite(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }
}
