package workbench.loop;

/** A PNG that cannot fill the generate form; the message says why, naming the file. */
public class RecallException extends IllegalArgumentException {

  public RecallException(String message) {
    super(message);
  }
}
