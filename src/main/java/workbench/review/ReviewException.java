package workbench.review;

/** A review request refused; {@code field} names what is wrong ("id" for one that does not exist). */
public class ReviewException extends IllegalArgumentException {

  private final String field;

  public ReviewException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
