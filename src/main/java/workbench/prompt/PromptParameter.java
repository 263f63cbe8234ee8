package workbench.prompt;

/**
 * A Midjourney parameter the workbench honours, as written after the prompt ({@code --seed 42}):
 * its name without dashes, its value, and where it sits. Parameters with no meaning here are
 * refused by the parser, never carried.
 */
public record PromptParameter(String name, String value, Span span) {

  public static final String SEED = "seed";
}
