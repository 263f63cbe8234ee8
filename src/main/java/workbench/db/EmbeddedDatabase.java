package workbench.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Within one JVM, starts on the same directory share one server (each start is a handle;
 * the last handle closed stops it). Without that, a second start in the same JVM, such as a
 * second Spring context of a test run, took the first one's server for an orphan and stopped
 * it under the first context's feet.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(20);

  /** The servers this JVM runs, by data directory, with how many handles are open on each. */
  private static final Map<Path, Server> RUNNING = new HashMap<>();

  private static final class Server {
    final EmbeddedPostgres postgres;
    int handles = 1;

    Server(EmbeddedPostgres postgres) {
      this.postgres = postgres;
    }
  }

  private final EmbeddedPostgres postgres;
  private final Path directory;
  private boolean closed;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory) {
    this.postgres = postgres;
    this.directory = directory;
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
        return new EmbeddedDatabase(running.postgres, directory);
      }
      var database = startServer(directory);
      RUNNING.put(key, new Server(database.postgres));
      return database;
    }
  }

  private static EmbeddedDatabase startServer(Path directory) {
    try {
      Files.createDirectories(directory);
      stopOrphanedServer(directory);
      var postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setPGStartupWait(Duration.ofSeconds(60))
              // The last handle's close stops it (Spring closes ours on shutdown). zonky's own
              // JVM hook would stop it at the same time as Spring closes the contexts, which
              // then wait on a dead pool (30 s per connection) while they stop.
              .setRegisterShutdownHook(false)
              .start();
      log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), directory);
      return new EmbeddedDatabase(postgres, directory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start the embedded PostgreSQL in " + directory.toAbsolutePath()
              + ": " + e.getMessage(), e);
    }
  }

  public DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
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
                postmaster.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
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
