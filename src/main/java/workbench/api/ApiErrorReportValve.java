package workbench.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's last word on an error nobody answered, as a problem detail under {@code /api/}.
 * Tomcat refuses some requests before any filter or servlet sees them (an encoded slash
 * {@code %2F}, an encoded NUL {@code %00}, a path that climbs above the root): the host's
 * error report valve answers those, and its HTML page is no answer for an API client
 * (issue 16, finding 13). Elsewhere it stays Tomcat's page, without the report and the server's
 * version, as Spring Boot configures it. It answers nothing a servlet already answered.
 */
final class ApiErrorReportValve extends ErrorReportValve {

  private final ObjectMapper json;

  ApiErrorReportValve(ObjectMapper json) {
    this.json = json;
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    var uri = request.getRequestURI();
    if (uri == null || !uri.startsWith("/api/")) {
      super.report(request, response, throwable);
      return;
    }
    int status = response.getStatus();
    // Tomcat's own conditions: an error, nothing written yet, reported once, and I/O still possible.
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    var ioAllowed = new AtomicBoolean();
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    var known = HttpStatus.resolve(status);
    var problem = ApiProblems.problem(known == null ? HttpStatus.BAD_REQUEST : known,
        known == null ? "Error" : known.getReasonPhrase(), detail(status));
    problem.setStatus(status);
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("utf-8");
      var writer = response.getReporter();
      if (writer != null) {
        writer.write(json.writeValueAsString(problem));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response was taken: nothing left to tell it.
    }
  }

  private static String detail(int status) {
    return status == HttpStatus.BAD_REQUEST.value()
        ? "This is not a valid request path: the server refuses an encoded slash (%2F), an encoded NUL (%00)"
            + " or backslash (%5C), and a path that climbs above the root, before the API sees it."
            + " Send ids and names as they are listed, without encoding these characters."
        : "The server refused the request before the API saw it (HTTP " + status + ").";
  }
}
