package workbench.grid;

/** A grid refused before anything runs; {@code field} names what is wrong. */
public class InvalidExperimentException extends IllegalArgumentException {

  private final String field;

  public InvalidExperimentException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
