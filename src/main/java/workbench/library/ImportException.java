package workbench.library;

/**
 * An import refused as a whole (nothing was saved). The message names the problem and, for
 * CSV, the row and column; for JSON, the line and column or the path of the bad field.
 */
public class ImportException extends RuntimeException {

  public ImportException(String message) {
    super(message);
  }

  public ImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
