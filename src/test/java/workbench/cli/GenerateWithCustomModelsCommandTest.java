package workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import workbench.model.registry.Fixtures;

/** {@code generate --models-dir … --model <generator>+<checker>} on the tiny fixtures. */
class GenerateWithCustomModelsCommandTest {

  private final PrintStream realOut = System.out;
  private final PrintStream realErr = System.err;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir Path temp;

  @BeforeEach
  void capture() {
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(realOut);
    System.setErr(realErr);
  }

  int generate(String model, Path png) {
    return Cli.run(workbench.Application.class, new String[] {"generate", "--prompt", "red apple --no blurry", "--seed", "3", "--steps", "3",
        "--upscale", "1", "--models-dir", Fixtures.dir().toString(), "--model", model, "--out", png.toString(), "--json"});
  }

  @Test
  void writesTheSamePngTwiceWithTheDiffusionProcess() throws Exception {
    assertThat(generate("tiny-sd+tiny-clip", temp.resolve("a.png"))).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(generate("tiny-sd+tiny-clip", temp.resolve("b.png"))).isZero();
    assertThat(Files.readAllBytes(temp.resolve("b.png"))).isEqualTo(Files.readAllBytes(temp.resolve("a.png")));
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"process\":\"diffusion\"").contains("\"model\":\"tiny-sd+tiny-clip\"");
  }

  @Test
  void jsonIsAllThatGoesToStandardOutput() throws Exception {
    // Issue 19: DJL's log lines came before the JSON, so `generate --json | jq` failed.
    assertThat(generate("tiny-sd+tiny-clip", temp.resolve("d.png"))).as(err.toString(StandardCharsets.UTF_8)).isZero();
    LoggerFactory.getLogger("ai.djl.pytorch").info("a log line after the run");
    var stdout = out.toString(StandardCharsets.UTF_8);
    var json = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build().readTree(stdout);
    assertThat(json.path("seed").asLong()).isEqualTo(3);
    assertThat(stdout).doesNotContain("a log line after the run");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("a log line after the run");
  }

  @Test
  void anUnknownModelIsABadInputNamingIt() {
    assertThat(generate("huge-sd+tiny-clip", temp.resolve("c.png"))).isEqualTo(Cli.EXIT_BAD_INPUT);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown model 'huge-sd'");
  }
}
