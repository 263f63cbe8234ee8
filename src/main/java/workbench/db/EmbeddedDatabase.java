package workbench.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries zonky ships in Maven, keeping its data in
 * one directory across restarts.
 *
 * <p>Two traps are handled here: zonky starts the server with {@code fsync} and
 * {@code synchronous_commit} off (fine for throw-away test databases, not for people's prompts),
 * and after the JVM is killed with SIGKILL the postgres child lives on, holding the data
 * directory, so every later start would fail. Such an orphan is stopped before starting.
 *
 * <p>It takes only password connections, and only from this machine: the superuser's password is
 * made on the first start (SecureRandom), kept owner-only in {@code <directory>.password} beside
 * the data directory and reused on later starts; {@code pg_hba.conf} asks SCRAM of every
 * connection and the server listens on localhost alone (no Unix socket). Without this any local
 * user could connect as the superuser and read password and token hashes (issue 16). A data
 * directory made before, which trusted everyone, gets its password on its next start.
 *
 * <p>Within one JVM, starts on the same directory share one server (each start is a handle;
 * the last handle closed stops it). Without that, a second start in the same JVM, such as a
 * second Spring context of a test run, took the first one's server for an orphan and stopped
 * it under the first context's feet.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(20);
  private static final String SUPERUSER = "postgres";
  /** The first line of the pg_hba.conf this class writes: how a later start knows it is ours. */
  private static final String HBA_MARKER = "# prompt-workbench: password (SCRAM) connections from this machine only";

  /** The servers this JVM runs, by data directory, with how many handles are open on each. */
  private static final Map<Path, Server> RUNNING = new HashMap<>();

  private static final class Server {
    final EmbeddedPostgres postgres;
    final String password;
    int handles = 1;

    Server(EmbeddedPostgres postgres, String password) {
      this.postgres = postgres;
      this.password = password;
    }
  }

  private final EmbeddedPostgres postgres;
  private final Path directory;
  private final String password;
  private boolean closed;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory, String password) {
    this.postgres = postgres;
    this.directory = directory;
    this.password = password;
  }

  /**
   * Starts (creating on first use) the server whose data lives in {@code directory}, or joins
   * the one this JVM already runs there.
   */
  public static EmbeddedDatabase start(Path directory) {
    var key = directory.toAbsolutePath().normalize();
    synchronized (RUNNING) {
      var running = RUNNING.get(key);
      if (running != null) {
        running.handles++;
        return new EmbeddedDatabase(running.postgres, directory, running.password);
      }
      var database = startServer(directory);
      RUNNING.put(key, new Server(database.postgres, database.password));
      return database;
    }
  }

  private static EmbeddedDatabase startServer(Path directory) {
    try {
      Files.createDirectories(directory);
      stopOrphanedServer(directory);
      var password = DatabasePassword.readOrCreate(passwordFile(directory));
      // zonky runs initdb only for a directory without postgresql.conf; such a one gets the password
      // and SCRAM from initdb itself, so it never trusts anyone, not even while starting.
      boolean fresh = !Files.exists(directory.resolve("postgresql.conf"));
      boolean trustedEveryone = !fresh && !isOurs(directory.resolve("pg_hba.conf"));
      var postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("listen_addresses", "localhost")
              .setServerConfig("unix_socket_directories", "")
              .setServerConfig("password_encryption", "scram-sha-256")
              // initdb's options (zonky passes these "locale" settings to initdb alone, after its -A trust)
              .setLocaleConfig("auth-host", "scram-sha-256")
              .setLocaleConfig("auth-local", "scram-sha-256")
              .setLocaleConfig("pwfile", passwordFile(directory).toString())
              // every connection zonky makes, its own start-up check included
              .setConnectConfig("password", password)
              .setDataDirectoryCustomizer(data -> {
                if (!trustedEveryone) {
                  writeHba(data.toPath().resolve("pg_hba.conf"));
                }
              })
              .setPGStartupWait(Duration.ofSeconds(60))
              // The last handle's close stops it (Spring closes ours on shutdown). zonky's own
              // JVM hook would stop it at the same time as Spring closes the contexts, which
              // then wait on a dead pool (30 s per connection) while they stop.
              .setRegisterShutdownHook(false)
              .start();
      if (trustedEveryone) {
        requirePasswordFromNowOn(postgres, directory, password);
      }
      log.info("Embedded PostgreSQL on port {} with data in {} (user {}, password in {})",
          postgres.getPort(), directory, SUPERUSER, passwordFile(directory));
      return new EmbeddedDatabase(postgres, directory, password);
    } catch (IOException | SQLException e) {
      throw new UncheckedIOException(
          "Could not start the embedded PostgreSQL in " + directory.toAbsolutePath()
              + ": " + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** Where the superuser's password is kept: beside the data directory (initdb wants that empty). */
  static Path passwordFile(Path directory) {
    var absolute = directory.toAbsolutePath().normalize();
    return absolute.resolveSibling(absolute.getFileName() + ".password");
  }

  /**
   * A directory made before passwords (pg_hba "trust"): this start got in without one, so the
   * superuser gets the kept password now, and pg_hba.conf asks for it from the reload on.
   */
  private static void requirePasswordFromNowOn(EmbeddedPostgres postgres, Path directory, String password)
      throws SQLException, IOException {
    try (var connection = postgres.getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      // The password is hex from SecureRandom: nothing in it needs quoting.
      statement.execute("alter role " + SUPERUSER + " password '" + password + "'");
      writeHba(directory.resolve("pg_hba.conf"));
      statement.execute("select pg_reload_conf()");
    }
    log.warn("The embedded PostgreSQL in {} accepted connections without a password until now;"
        + " from now on it asks for the one in {}", directory, passwordFile(directory));
  }

  private static boolean isOurs(Path hba) throws IOException {
    return Files.isRegularFile(hba) && Files.readString(hba, StandardCharsets.UTF_8).startsWith(HBA_MARKER);
  }

  private static void writeHba(Path hba) {
    var lines = List.of(
        HBA_MARKER,
        "# TYPE  DATABASE  USER  ADDRESS       METHOD",
        "local   all       all                 scram-sha-256",
        "host    all       all   127.0.0.1/32  scram-sha-256",
        "host    all       all   ::1/128       scram-sha-256");
    try {
      Files.write(hba, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + hba + ": " + e.getMessage(), e);
    }
  }

  public DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  /** Without the password: give it apart ({@link #password()}), as a datasource's password. */
  public String jdbcUrl() {
    return postgres.getJdbcUrl(SUPERUSER, "postgres");
  }

  public String username() {
    return SUPERUSER;
  }

  public String password() {
    return password;
  }

  public Path directory() {
    return directory;
  }

  /** The postmaster's process id as written in {@code postmaster.pid}, if the file is there. */
  static Optional<Long> postmasterPid(Path directory) {
    var pidFile = directory.resolve("postmaster.pid");
    try {
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * A server left running by a killed JVM still owns the directory: stop it (and its workers)
   * so that this start can recover the data cleanly, as after a power cut.
   */
  private static void stopOrphanedServer(Path directory) {
    postmasterPid(directory)
        .flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
        .ifPresent(
            postmaster -> {
              log.warn(
                  "PostgreSQL (pid {}) from an earlier run still holds {}; stopping it",
                  postmaster.pid(), directory);
              var children = postmaster.descendants().toList();
              postmaster.destroy(); // SIGTERM: a clean shutdown, it has no clients left
              try {
                postmaster.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
              } catch (Exception timeout) {
                postmaster.destroyForcibly();
              }
              children.forEach(ProcessHandle::destroyForcibly);
            });
  }

  /** Closes this handle; the server stops with the last one. */
  @Override
  public void close() {
    synchronized (RUNNING) {
      if (closed) {
        return;
      }
      closed = true;
      var key = directory.toAbsolutePath().normalize();
      var running = RUNNING.get(key);
      if (running != null && running.postgres == postgres && --running.handles > 0) {
        return;
      }
      RUNNING.remove(key);
    }
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }
}
