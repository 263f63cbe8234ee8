package workbench.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import workbench.prompt.Dialect;
import workbench.prompt.PromptJson;
import workbench.prompt.PromptParser;
import workbench.prompt.PromptSyntaxException;

/**
 * {@code parse --prompt "apple:: tart::2"}: prints the prompt's terms as JSON, or the syntax
 * error with its column (exit 2), so scripts can check prompts without the web app.
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = "Parses a weighted prompt and prints its terms as JSON.")
public final class ParseCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec = CommandSpec.create();

  @Option(names = "--prompt", required = true, paramLabel = "TEXT",
      description = "The prompt, e.g. \"apple:: tart::2\".")
  private String prompt = "";

  @Option(names = "--dialect", paramLabel = "DIALECT", converter = DialectConverter.class,
      description = "midjourney, a1111 or compel; detected from the text when left out.")
  private @Nullable Dialect dialect;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      var parsed = dialect == null ? PromptParser.parse(prompt) : PromptParser.parse(prompt, dialect);
      out.println(PromptJson.write(parsed));
      out.flush();
      return 0;
    } catch (PromptSyntaxException e) {
      err.println("error: " + e.messageWithColumn());
      e.markIn(prompt).lines().forEach(line -> err.println("  " + line));
      err.println("hint: " + e.hint());
      err.flush();
      return Cli.EXIT_BAD_INPUT;
    }
  }

  /** Dialect names in any case, with the list of names when one is wrong. */
  static final class DialectConverter implements ITypeConverter<Dialect> {
    @Override
    public Dialect convert(String value) {
      try {
        return Dialect.fromId(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
