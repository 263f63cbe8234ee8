package workbench.library;

/**
 * Two saves of one prompt at the same time: both wanted the next version number, or both
 * changed the prompt. The later one is refused whole (optimistic concurrency); the message
 * says so, and that reloading and saving again keeps both.
 */
public class VersionConflictException extends LibraryInputException {

  public VersionConflictException(String message, Throwable cause) {
    super("version", message, cause);
  }
}
