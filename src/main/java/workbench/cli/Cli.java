package workbench.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import workbench.model.CpuKernels;

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

  /** The Spring Boot application, for the commands that start the server (bench): given, not imported, so the CLI does not depend on the application class that depends on it. */
  private final Class<?> application;

  private Cli(Class<?> application) {
    this.application = application;
  }

  Class<?> application() {
    return application;
  }

  /**
   * Commands run without Spring Boot, so logback would fall back to its default: everything, at
   * DEBUG, on standard output, where {@code generate --json} writes its JSON (issue 19: DJL's
   * lines broke {@code generate --json | jq}). Logs go to standard error, from INFO up.
   */
  static void logToStandardError() {
    if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context)) {
      return;
    }
    context.reset();
    var encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n");
    encoder.start();
    var appender = new ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    appender.setContext(context);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(ch.qos.logback.classic.Level.INFO);
    root.addAppender(appender);
  }

  /** Spring's own arguments start with "--"; a bare first word names a command. */
  public static boolean isCommand(String[] args) {
    return args.length > 0 && !args[0].startsWith("-");
  }

  public static int run(Class<?> application, String[] args) {
    logToStandardError();
    CpuKernels.guard();
    var commandLine = new CommandLine(new Cli(application));
    commandLine.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println(ex.getMessage());
      return EXIT_BAD_INPUT;
    });
    return commandLine.execute(args);
  }
}
