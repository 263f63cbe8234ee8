package workbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command-line face of the jar: {@code java -jar prompt-workbench.jar COMMAND ...}. */
@Command(
    name = "prompt-workbench",
    mixinStandardHelpOptions = true,
    description = "Prompt Workbench commands; without a command the web app starts.",
    subcommands = {ParseCommand.class, GenerateCommand.class, TrainCommand.class, EvalCommand.class, BenchCommand.class,
        SamplesCommand.class})
public final class Cli {

  /** Exit code for bad input (a prompt syntax error, a bad option value). */
  public static final int EXIT_BAD_INPUT = 2;

  private Cli() {}

  /** Spring's own arguments start with "--"; a bare first word names a command. */
  public static boolean isCommand(String[] args) {
    return args.length > 0 && !args[0].startsWith("-");
  }

  public static int run(String[] args) {
    var commandLine = new CommandLine(new Cli());
    commandLine.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println(ex.getMessage());
      return EXIT_BAD_INPUT;
    });
    return commandLine.execute(args);
  }
}
