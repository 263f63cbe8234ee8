package workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import workbench.model.registry.Fixtures;

/** {@code generate --models-dir … --model <generator>+<checker>} on the tiny fixtures. */
class GenerateWithCustomModelsCommandTest {

  @RegisterExtension final Console console = new Console();

  @TempDir Path temp;

  int generate(String model, Path png) {
    return Cli.run(workbench.Application.class, new String[] {"generate", "--prompt", "red apple --no blurry", "--seed", "3", "--steps", "3",
        "--upscale", "1", "--models-dir", Fixtures.dir().toString(), "--model", model, "--out", png.toString(), "--json"});
  }

  @Test
  void writesTheSamePngTwiceWithTheDiffusionProcess() throws Exception {
    assertThat(generate("tiny-sd+tiny-clip", temp.resolve("a.png"))).as(console.stderr()).isZero();
    assertThat(generate("tiny-sd+tiny-clip", temp.resolve("b.png"))).isZero();
    assertThat(Files.readAllBytes(temp.resolve("b.png"))).isEqualTo(Files.readAllBytes(temp.resolve("a.png")));
    assertThat(console.stdout()).contains("\"process\":\"diffusion\"").contains("\"model\":\"tiny-sd+tiny-clip\"");
  }

  @Test
  void jsonIsAllThatGoesToStandardOutput() throws Exception {
    // Issue 19: DJL's log lines came before the JSON, so `generate --json | jq` failed.
    assertThat(generate("tiny-sd+tiny-clip", temp.resolve("d.png"))).as(console.stderr()).isZero();
    LoggerFactory.getLogger("ai.djl.pytorch").info("a log line after the run");
    var stdout = console.stdout();
    var json = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build().readTree(stdout);
    assertThat(json.path("seed").asLong()).isEqualTo(3);
    assertThat(stdout).doesNotContain("a log line after the run");
    assertThat(console.stderr()).contains("a log line after the run");
  }

  @Test
  void anUnknownModelIsABadInputNamingIt() {
    assertThat(generate("huge-sd+tiny-clip", temp.resolve("c.png"))).isEqualTo(Cli.EXIT_BAD_INPUT);
    assertThat(console.stderr()).contains("unknown model 'huge-sd'");
  }
}
