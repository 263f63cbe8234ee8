package workbench.account;

/** A refused account change (a taken name, a too short password, the last admin). */
public class AccountException extends IllegalArgumentException {

  public AccountException(String message) {
    super(message);
  }
}
