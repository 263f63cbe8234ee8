package workbench.loop;

/** A request refused before any job exists; {@code field} names what is wrong. */
public class InvalidRecipeException extends IllegalArgumentException {

  private final String field;

  public InvalidRecipeException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
