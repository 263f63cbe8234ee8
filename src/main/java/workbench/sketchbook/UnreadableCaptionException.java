package workbench.sketchbook;

/** A text {@link CaptionReader} cannot read as Sketchbook claims; the message says why. */
public class UnreadableCaptionException extends IllegalArgumentException {

  public UnreadableCaptionException(String message) {
    super(message);
  }
}
