package workbench.library;

/** Something asked for by id is not there (deleted meanwhile, or a stale link). */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String what) {
    super(what + " was not found");
  }
}
