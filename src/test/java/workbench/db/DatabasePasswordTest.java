package workbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16: the embedded server took the superuser without a password on its loopback port, so
 * any local user could read password and token hashes. It now takes only the password kept,
 * owner-only, beside its data directory; the password is made once and kept across restarts,
 * and a data directory made before this is switched over on its next start.
 */
class DatabasePasswordTest {

  @TempDir Path dataDir;

  @Test
  void aConnectionWithoutThePasswordIsRefusedAndThePasswordIsKeptOwnerOnly() throws Exception {
    var postgres = dataDir.resolve("postgres");
    String url;
    try (var database = EmbeddedDatabase.start(postgres)) {
      url = database.jdbcUrl();
      assertRefusedWithoutPassword(url);
      assertThat(JdbcClient.create(database.dataSource()).sql("show listen_addresses").query(String.class).single())
          .isEqualTo("localhost");
    }
    var file = dataDir.resolve("postgres.password");
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    var password = Files.readString(file, StandardCharsets.US_ASCII).strip();
    assertThat(password).hasSizeGreaterThanOrEqualTo(32);

    try (var again = EmbeddedDatabase.start(postgres)) {
      assertThat(Files.readString(file, StandardCharsets.US_ASCII).strip()).as("reused, not made again").isEqualTo(password);
      assertRefusedWithoutPassword(again.jdbcUrl());
      assertThat(query(again.jdbcUrl(), password)).isEqualTo(1);
    }
  }

  @Test
  void aDataDirectoryMadeWithoutAPasswordRequiresOneFromItsNextStart() throws Exception {
    var postgres = dataDir.resolve("postgres");
    // As zonky (and the workbench before issue 16) made it: trust for every connection.
    try (var old = EmbeddedPostgres.builder().setDataDirectory(postgres).setCleanDataDirectory(false)
        .setRegisterShutdownHook(false).start()) {
      JdbcClient.create(old.getPostgresDatabase()).sql("create table kept (id int)").update();
    }
    try (var database = EmbeddedDatabase.start(postgres)) {
      assertRefusedWithoutPassword(database.jdbcUrl());
      var password = Files.readString(dataDir.resolve("postgres.password"), StandardCharsets.US_ASCII).strip();
      assertThat(query(database.jdbcUrl(), password)).isEqualTo(1);
      assertThat(JdbcClient.create(database.dataSource()).sql("select count(*) from kept").query(Long.class).single())
          .isZero();
    }
  }

  private static void assertRefusedWithoutPassword(String url) {
    assertThatThrownBy(() -> query(url, null)).isInstanceOf(SQLException.class)
        .hasMessageContaining("password");
  }

  private static int query(String url, String password) throws SQLException {
    var properties = new Properties();
    properties.setProperty("user", "postgres");
    if (password != null) {
      properties.setProperty("password", password);
    }
    try (var connection = DriverManager.getConnection(url, properties);
        var result = connection.createStatement().executeQuery("select 1")) {
      result.next();
      return result.getInt(1);
    }
  }
}
