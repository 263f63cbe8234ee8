package workbench.account;

/**
 * A refused account change (a taken name, a too short password, the last admin), with the
 * field it is about when there is one ({@code ""} when none), as the API's problems name it.
 */
public class AccountException extends IllegalArgumentException {

  private final String field;

  public AccountException(String message) {
    this("", message);
  }

  public AccountException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
