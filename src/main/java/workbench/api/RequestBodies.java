package workbench.api;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/** What an operation's request body is, in words, for a refusal of a body that is missing or unreadable. */
final class RequestBodies {

  private RequestBodies() {}

  /**
   * "a JSON object (Content-Type: application/json) with the fields name, for example
   * {"name": "nightly grid script"}", or "the file itself (Content-Type: image/png or
   * application/octet-stream)"; empty when the operation takes no body.
   */
  static String whatToSend(HandlerMethod handler) {
    for (var parameter : handler.getMethodParameters()) {
      if (parameter.hasParameterAnnotation(RequestBody.class)) {
        return describe(handler, parameter);
      }
    }
    return "";
  }

  private static String describe(HandlerMethod handler, MethodParameter parameter) {
    var type = parameter.getParameterType();
    if (type == byte[].class) {
      var mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
      var types = mapping == null || mapping.consumes().length == 0 ? "application/octet-stream"
          : String.join(" or ", mapping.consumes());
      return "the file itself (Content-Type: " + types + ")";
    }
    var out = new StringBuilder("a JSON object (Content-Type: application/json)");
    if (type.isRecord()) {
      out.append(" with the fields ").append(Arrays.stream(type.getRecordComponents())
          .map(RecordComponent::getName).collect(Collectors.joining(", ")));
    }
    var documented = parameter.getParameterAnnotation(io.swagger.v3.oas.annotations.parameters.RequestBody.class);
    if (documented != null) {
      Arrays.stream(documented.content()).flatMap(c -> Arrays.stream(c.examples())).findFirst()
          .ifPresent(example -> out.append(", for example ").append(example.value().strip().replaceAll("\\s+", " ")));
    }
    return out.toString();
  }
}
