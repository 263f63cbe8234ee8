package workbench.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Any /api path no controller has (the most specific mapping wins, so this is the last
 * resort): a 404 problem, rather than the UI's error page.
 */
@RestController
@Hidden
class UnknownPathController {

  @RequestMapping("/api/**")
  ResponseEntity<ProblemDetail> unknown(HttpServletRequest request) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiProblems.problem(HttpStatus.NOT_FOUND, "Not found",
        "There is no " + request.getMethod() + " " + request.getRequestURI() + " in the API: see /v3/api-docs"));
  }
}
