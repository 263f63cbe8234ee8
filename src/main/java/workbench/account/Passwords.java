package workbench.account;

import java.security.SecureRandom;

/** Generated passwords: 16 characters from an alphabet without look-alikes (0/O, 1/l/I). */
final class Passwords {

  static final int MIN_LENGTH = 8;
  private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {}

  static String generate() {
    var out = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  static void check(String password) {
    if (password.length() < MIN_LENGTH) {
      throw new AccountException("A password needs at least " + MIN_LENGTH + " characters");
    }
    if (password.length() > 200) {
      throw new AccountException("A password has at most 200 characters");
    }
  }
}
