package workbench.library;

/** A library name or prompt title that is already taken: the input is fine, the place is not. */
public class NameTakenException extends LibraryInputException {

  public NameTakenException(String field, String message) {
    super(field, message);
  }
}
