package workbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two starts on one data directory in one JVM (two Spring contexts of a test run, say) share
 * the server: closing the first leaves the second working; the last close stops it.
 */
class SharedServerTest {

  @TempDir Path dataDir;

  @Test
  void startsOnOneDirectoryShareTheServerUntilTheLastCloses() throws Exception {
    var first = EmbeddedDatabase.start(dataDir.resolve("postgres"));
    var second = EmbeddedDatabase.start(dataDir.resolve("postgres"));
    var stillHere = second.dataSource();
    try {
      assertThat(second.jdbcUrl()).isEqualTo(first.jdbcUrl());
      JdbcClient.create(first.dataSource()).sql("create table kept (id int)").update();
      first.close();
      first.close(); // twice is once
      assertThat(JdbcClient.create(stillHere).sql("select count(*) from kept").query(Long.class).single()).isZero();
    } finally {
      second.close();
    }
    assertThatThrownBy(() -> stillHere.getConnection().close()).isInstanceOf(SQLException.class);

    try (var again = EmbeddedDatabase.start(dataDir.resolve("postgres"))) {
      assertThat(JdbcClient.create(again.dataSource()).sql("select count(*) from kept").query(Long.class).single()).isZero();
    }
  }
}
