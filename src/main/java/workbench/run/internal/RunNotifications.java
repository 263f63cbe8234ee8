package workbench.run.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import workbench.loop.TermScores;
import workbench.run.Run;
import workbench.run.RunFinished;
import workbench.run.RunProgressed;
import workbench.run.RunStatus;
import workbench.shared.DaemonThreads;

/**
 * Run events between the instances of a deployment, through PostgreSQL's NOTIFY on one
 * channel: small JSON payloads (run, step, scores); a preview image goes through the
 * {@code run_preview} row instead. Each payload names the node that sent it, so a node skips
 * its own (it delivered them already).
 *
 * <p>A run's steps and end are sent in order by one sender thread, so that the loop never
 * waits for the database between steps; a change of the queue is sent at once, on the
 * caller's connection: inside a transaction it leaves at commit, so nobody hears of a run
 * that was rolled back.
 */
@Component
public class RunNotifications implements DisposableBean {

  static final String CHANNEL = "workbench_run_events";
  /** PostgreSQL refuses payloads of 8000 bytes or more. */
  static final int MAX_PAYLOAD_BYTES = 7900;
  private static final int SHORT_TERM_TEXT = 40;
  private static final Logger log = LoggerFactory.getLogger(RunNotifications.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;
  private final RunStore store;
  private final String node = UUID.randomUUID().toString();
  private final ThreadPoolExecutor sender = new ThreadPoolExecutor(
      1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
      DaemonThreads.named("run-events-sender"), (task, pool) -> {
        if (!pool.isShutdown()) {
          log.warn("Run events are coming faster than the database takes them; one was not sent to other nodes");
        }
      });

  RunNotifications(JdbcClient jdbc, RunStore store) {
    this.jdbc = jdbc;
    this.store = store;
  }

  /** Sends what is still queued (a second or two at most), then stops the sender. */
  @Override
  public void destroy() throws InterruptedException {
    sender.shutdown();
    sender.awaitTermination(2, TimeUnit.SECONDS);
  }

  /** Returns once everything handed to the sender so far has been sent (tests, diagnostics). */
  void awaitSent() throws InterruptedException, ExecutionException {
    sender.submit(() -> {}).get();
  }

  /** This instance's id in payloads (new at every start). */
  String node() {
    return node;
  }

  void progressed(RunProgressed event) {
    sender.execute(() -> send(event));
  }

  private void send(RunProgressed event) {
    boolean preview = event.previewPng().length > 0;
    try {
      if (preview) {
        store.preview(event.runId(), event.step(), event.previewPng());
      }
      var payload = progressedPayload(event, preview, Integer.MAX_VALUE);
      if (bytes(payload) > MAX_PAYLOAD_BYTES) {
        payload = progressedPayload(event, preview, SHORT_TERM_TEXT);
      }
      if (bytes(payload) > MAX_PAYLOAD_BYTES) {
        payload = progressedPayload(event, preview, -1); // the combined score only
      }
      send(payload);
    } catch (RuntimeException e) {
      log.warn("Could not tell other nodes of step {} of run {}: {}", event.step(), event.runId(), e.getMessage());
    }
  }

  void finished(RunFinished event) {
    var json = base("finished").put("run", event.runId().toString()).put("status", event.status().name());
    sender.execute(() -> {
      try {
        // After every preview of the run this sender wrote: none is left behind.
        store.deletePreview(event.runId());
      } catch (RuntimeException e) {
        log.warn("Could not delete the preview of run {}: {}", event.runId(), e.getMessage());
      }
      sendQuietly(json.toString());
    });
  }

  void queueChanged() {
    sendQuietly(base("queue").toString());
  }

  private String progressedPayload(RunProgressed e, boolean preview, int termTextLimit) {
    var json = base("progressed")
        .put("run", e.runId().toString())
        .put("step", e.step())
        .put("steps", e.steps())
        .put("elapsed", e.elapsedMillis())
        .put("combined", e.scores().combined())
        .put("preview", preview);
    var terms = json.putArray("terms");
    if (termTextLimit >= 0) {
      for (var t : e.scores().terms()) {
        var text = t.text().length() > termTextLimit ? t.text().substring(0, termTextLimit) + "…" : t.text();
        terms.addArray().add(text).add(t.weight()).add(t.similarity());
      }
    }
    return json.toString();
  }

  private ObjectNode base(String kind) {
    return JSON.createObjectNode().put("node", node).put("kind", kind);
  }

  private void sendQuietly(String payload) {
    try {
      send(payload);
    } catch (RuntimeException e) {
      log.warn("Could not tell other nodes {}: {}", payload, e.getMessage());
    }
  }

  private void send(String payload) {
    jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, payload).query((rs, n) -> 0).list();
  }

  private static int bytes(String payload) {
    return payload.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * What another node sent, or empty for this node's own events and payloads it cannot read.
   * Without {@code runEvents} (nobody here follows runs) only changes of the queue are read.
   */
  Optional<Event> read(String payload, boolean runEvents) {
    try {
      var json = JSON.readTree(payload);
      var kind = json.path("kind").asText();
      if (node.equals(json.path("node").asText()) || (!runEvents && !kind.equals("queue"))) {
        return Optional.empty();
      }
      return switch (kind) {
        case "progressed" -> Optional.of(progressed(json));
        case "finished" -> Optional.of(new Event.Finished(new RunFinished(
            UUID.fromString(json.get("run").asText()), RunStatus.valueOf(json.get("status").asText()))));
        case "queue" -> Optional.of(new Event.QueueChanged());
        default -> Optional.empty();
      };
    } catch (JsonProcessingException | RuntimeException e) {
      log.warn("Unreadable run event from another node: {} ({})", payload, e.getMessage());
      return Optional.empty();
    }
  }

  private Event progressed(JsonNode json) {
    var run = UUID.fromString(json.get("run").asText());
    var terms = new ArrayList<TermScores.TermScore>();
    for (var t : json.path("terms")) {
      terms.add(new TermScores.TermScore(t.get(0).asText(), t.get(1).asDouble(), t.get(2).asDouble()));
    }
    var scores = new TermScores(terms, json.get("combined").asDouble());
    int step = json.get("step").asInt();
    // The image went through the database; a newer one may have replaced it, which is as good.
    var png = json.path("preview").asBoolean() ? store.preview(run).orElse(new byte[0]) : new byte[0];
    return new Event.Progressed(new RunProgressed(run, step, json.get("steps").asInt(), scores, png,
        json.get("elapsed").asLong()));
  }

  /** An event another node sent. */
  sealed interface Event {
    record Progressed(RunProgressed event) implements Event {}

    record Finished(RunFinished event) implements Event {}

    record QueueChanged() implements Event {}
  }
}
