package workbench.prompt;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The prompt syntaxes people already write; Midjourney's multi-prompts are the default. */
public enum Dialect {
  /** {@code apple:: tart::2}, {@code --no red}. */
  MIDJOURNEY("midjourney", "Midjourney"),
  /** AUTOMATIC1111 emphasis: {@code (x)}, {@code [x]}, {@code (x:1.3)}, {@code AND}. */
  A1111("a1111", "A1111"),
  /** Compel: {@code word+}, {@code word-}, {@code (phrase)1.3}. */
  COMPEL("compel", "Compel");

  private final String id;
  private final String label;

  Dialect(String id, String label) {
    this.id = id;
    this.label = label;
  }

  /** The lower-case name used in JSON and on the command line. */
  public String id() {
    return id;
  }

  /** The name shown to people. */
  public String label() {
    return label;
  }

  /** Reads a dialect name in any case ({@code midjourney}, {@code A1111}, {@code compel}). */
  public static Dialect fromId(String name) {
    var wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(d -> d.id.equals(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown dialect '" + name + "': use one of "
                + Arrays.stream(values()).map(Dialect::id).collect(Collectors.joining(", "))));
  }
}
