package workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code parse} command as a script sees it: stdout, stderr and the exit code. */
class ParseCommandTest {

  @RegisterExtension final Console console = new Console();

  @Test
  void printsTheSeedExampleAsJson() {
    int exit = Cli.run(workbench.Application.class, new String[] {"parse", "--prompt", "apple:: tart::2"});
    assertThat(exit).isZero();
    assertThat(console.stdout()).startsWith(
        "{\"dialect\":\"midjourney\",\"terms\":[{\"text\":\"apple\",\"weight\":1.0,");
    assertThat(console.stdout()).contains("{\"text\":\"tart\",\"weight\":2.0,");
    assertThat(console.stderr()).isEmpty();
  }

  @Test
  void parsesInTheDialectAskedFor() {
    int exit = Cli.run(workbench.Application.class, new String[] {"parse", "--dialect", "A1111", "--prompt", "a cat, (red hat:1.3)"});
    assertThat(exit).isZero();
    assertThat(console.stdout()).startsWith("{\"dialect\":\"a1111\",\"terms\":[{\"text\":\"a cat\",\"weight\":1.0,")
        .contains("{\"text\":\"red hat\",\"weight\":1.3,");
  }

  @Test
  void syntaxErrorPrintsMessageWithColumnAndExits2() {
    int exit = Cli.run(workbench.Application.class, new String[] {"parse", "--prompt", "apple:: tart::2x"});
    assertThat(exit).isEqualTo(Cli.EXIT_BAD_INPUT);
    assertThat(console.stdout()).isEmpty();
    assertThat(console.stderr())
        .contains("error: weight '2x' at column 15 is not a number")
        .contains("  apple:: tart::2x\n" + " ".repeat(2 + 14) + "^")
        .contains("hint: ");
  }

  @Test
  void errorsWithoutAColumnInTheirMessageGetOneAdded() {
    int exit = Cli.run(workbench.Application.class, new String[] {"parse", "--prompt", "apple::-1"});
    assertThat(exit).isEqualTo(Cli.EXIT_BAD_INPUT);
    assertThat(console.stderr()).contains(
        "error: weights sum to -1: at least one positive weight is needed (column 1)");
  }

  @Test
  void unknownDialectIsBadInput() {
    int exit = Cli.run(workbench.Application.class, new String[] {"parse", "--dialect", "dalle", "--prompt", "apple"});
    assertThat(exit).isEqualTo(Cli.EXIT_BAD_INPUT);
    assertThat(console.stderr()).contains("unknown dialect 'dalle'");
  }
}
