package workbench.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The embedded server's superuser password: 32 random bytes as hex, made once and kept in a
 * file only its owner may read (created so, never widened afterwards), reused by every later
 * start. Hex, so that it goes into SQL, initdb's pwfile and JDBC without quoting.
 */
final class DatabasePassword {

  private static final SecureRandom RANDOM = new SecureRandom();

  private DatabasePassword() {}

  static String readOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      var password = HexFormat.of().formatHex(bytes());
      Files.createDirectories(file.toAbsolutePath().getParent());
      try {
        // Owner-only from the first byte: the permissions are set when the file is created.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n", StandardCharsets.US_ASCII);
        return password;
      } catch (FileAlreadyExistsException raced) {
        // another start made it first: use that one
      }
    }
    // Kept from an earlier start; tightened in case someone widened it.
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    var password = Files.readString(file, StandardCharsets.US_ASCII).strip();
    if (!password.matches("[0-9a-f]{32,}")) {
      throw new IOException(file + " does not hold a password the workbench made (64 hex digits);"
          + " restore it from a backup, or see README, Embedded PostgreSQL");
    }
    return password;
  }

  private static byte[] bytes() {
    var bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
