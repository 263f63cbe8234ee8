package workbench.grid;

/** A grid refused before anything runs; {@code field} names what is wrong. */
public class InvalidExperimentException extends IllegalArgumentException {

  private final String field;

  public InvalidExperimentException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** Keeps what caused the refusal (a prompt syntax error keeps its column for the API). */
  public InvalidExperimentException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
