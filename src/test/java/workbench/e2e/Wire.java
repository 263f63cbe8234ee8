package workbench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;

/**
 * What the server sent the browser, read from Chromium's DevTools Network events (the
 * performance log): every HTTP response body (Vaadin's UIDL answers, images, scripts) and
 * every WebSocket frame (Vaadin's pushes). Reading drains the log, so each call returns what
 * arrived since the last one.
 */
final class Wire {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One thing the server sent: a response body (decoded from base64 when binary) or a pushed frame. */
  record Message(String kind, String url, String body) {}

  /** Responses whose body DevTools could no longer give: a check over them would pass blind. */
  record Read(List<Message> messages, List<String> unreadable) {}

  private Wire() {}

  static Read read(ChromeDriver driver) {
    var urls = new HashMap<String, String>();
    var finished = new ArrayList<String>();
    var messages = new ArrayList<Message>();
    for (var entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      JsonNode message;
      try {
        message = JSON.readTree(entry.getMessage()).path("message");
      } catch (IOException e) {
        throw new IllegalStateException("unreadable DevTools log entry: " + entry.getMessage(), e);
      }
      var params = message.path("params");
      switch (message.path("method").asText()) {
        case "Network.responseReceived" -> urls.put(params.path("requestId").asText(), params.path("response").path("url").asText());
        case "Network.loadingFinished" -> finished.add(params.path("requestId").asText());
        case "Network.webSocketFrameReceived" ->
            messages.add(new Message("push", "websocket", params.path("response").path("payloadData").asText()));
        default -> { }
      }
    }
    var unreadable = new ArrayList<String>();
    for (var id : finished) {
      var url = urls.getOrDefault(id, "?");
      if (url.startsWith("data:")) {
        continue;
      }
      try {
        Map<String, Object> body = driver.executeCdpCommand("Network.getResponseBody", Map.of("requestId", id));
        var text = String.valueOf(body.get("body"));
        if (Boolean.TRUE.equals(body.get("base64Encoded"))) {
          // ISO-8859-1 keeps every byte, so text inside a binary (a PNG's tEXt chunk) can still be found.
          text = new String(Base64.getDecoder().decode(text), StandardCharsets.ISO_8859_1);
        }
        messages.add(new Message("response", url, text));
      } catch (RuntimeException gone) {
        unreadable.add(url);
      }
    }
    return new Read(messages, unreadable);
  }
}
