package workbench.account;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** A browser without JavaScript: cookies, the CSRF token from the page, form posts. */
final class HttpSession {

  private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
  private static final Pattern CSRF_PARAMETER = Pattern.compile("<meta name=\"_csrf_parameter\" content=\"([^\"]+)\"");

  private final int port;
  private final String[] headers;
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).build();

  /** {@code headers} (name, value, …) go with every request, e.g. a proxy's X-Forwarded-For. */
  HttpSession(int port, String... headers) {
    this.port = port;
    this.headers = headers;
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a form as another site would: no CSRF token. */
  HttpResponse<String> postWithoutToken(String path, String... fields) throws Exception {
    var form = new StringBuilder();
    for (int i = 0; i + 1 < fields.length; i += 2) {
      form.append(form.isEmpty() ? "" : "&").append(fields[i]).append('=').append(encode(fields[i + 1]));
    }
    return http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder request(String path) {
    var builder = HttpRequest.newBuilder(uri(path));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a form with the CSRF token of the page at {@code tokenPage}. */
  HttpResponse<String> post(String path, String tokenPage, String... fields) throws Exception {
    var page = get(tokenPage).body();
    var token = find(CSRF, page);
    var parameter = find(CSRF_PARAMETER, page);
    var form = new StringBuilder(parameter + "=" + encode(token));
    for (int i = 0; i + 1 < fields.length; i += 2) {
      form.append('&').append(fields[i]).append('=').append(encode(fields[i + 1]));
    }
    return http.send(request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Signs in through the login form; the response is Spring Security's redirect. */
  HttpResponse<String> signIn(String username, String password) throws Exception {
    return post("/login", "/login", "username", username, "password", password);
  }

  static String location(HttpResponse<?> response) {
    return response.headers().firstValue("Location").orElse("");
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String find(Pattern pattern, String page) {
    var m = pattern.matcher(page);
    if (!m.find()) {
      throw new AssertionError("no " + pattern + " in the page:\n" + page);
    }
    return m.group(1);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
