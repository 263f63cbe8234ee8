package workbench.library;

/** Input refused before anything was saved; {@code field} names what is wrong. */
public class LibraryInputException extends RuntimeException {

  private final String field;

  public LibraryInputException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** Keeps what caused the refusal (a prompt syntax error keeps its column for the API). */
  public LibraryInputException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  /** The form field (or import location) the message is about. */
  public String field() {
    return field;
  }
}
