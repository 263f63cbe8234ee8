package workbench.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import workbench.account.AccountException;
import workbench.grid.InvalidExperimentException;
import workbench.library.ImportException;
import workbench.library.LibraryInputException;
import workbench.library.NameTakenException;
import workbench.library.NotFoundException;
import workbench.library.VersionConflictException;
import workbench.loop.InvalidRecipeException;
import workbench.loop.RecallException;
import workbench.prompt.PromptSyntaxException;
import workbench.review.ReviewException;

/**
 * The API's errors as RFC 9457 problem details ({@code application/problem+json}), with the
 * services' own messages, which name the field, the limit and its setting. A prompt syntax
 * error carries {@code column} (1-based), {@code fragment} and {@code hint}; input errors
 * carry {@code field}. Limits answer 413 (a grid too large) or 429 (the user's queue is full).
 * Whatever was refused saved nothing: the services check before they write, in one transaction.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

  @ExceptionHandler(PromptSyntaxException.class)
  ProblemDetail promptSyntax(PromptSyntaxException e) {
    return syntax(problem(HttpStatus.BAD_REQUEST, "Prompt syntax error", e.messageWithColumn()), e);
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", capitalise(e.getMessage()));
  }

  @ExceptionHandler(NameTakenException.class)
  ProblemDetail nameTaken(NameTakenException e) {
    return field(problem(HttpStatus.CONFLICT, "Name taken", e.getMessage()), e.field());
  }

  /** Two saves of one prompt at once: the later one is refused whole (optimistic concurrency). */
  @ExceptionHandler(VersionConflictException.class)
  ProblemDetail versionConflict(VersionConflictException e) {
    return field(problem(HttpStatus.CONFLICT, "Saved at the same time", e.getMessage()), e.field());
  }

  @ExceptionHandler(LibraryInputException.class)
  ProblemDetail libraryInput(LibraryInputException e) {
    return withCause(field(problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage()), e.field()), e);
  }

  @ExceptionHandler(InvalidExperimentException.class)
  ProblemDetail invalidGrid(InvalidExperimentException e) {
    var status = switch (e.field()) {
      case "id" -> HttpStatus.NOT_FOUND;
      case "size" -> HttpStatus.PAYLOAD_TOO_LARGE;
      case "queue" -> HttpStatus.TOO_MANY_REQUESTS;
      default -> HttpStatus.BAD_REQUEST;
    };
    var title = switch (status) {
      case NOT_FOUND -> "Not found";
      case PAYLOAD_TOO_LARGE -> "Grid too large";
      case TOO_MANY_REQUESTS -> "Queue full";
      default -> "Invalid grid";
    };
    return withCause(field(problem(status, title, e.getMessage()), e.field()), e);
  }

  /** A review: one that does not exist (or is not the caller's to see) 404, private results or a closed review 409. */
  @ExceptionHandler(ReviewException.class)
  ProblemDetail review(ReviewException e) {
    return switch (e.field()) {
      case "id" -> problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
      case "state" -> field(problem(HttpStatus.CONFLICT, "Not now", e.getMessage()), e.field());
      default -> field(problem(HttpStatus.BAD_REQUEST, "Invalid review", e.getMessage()), e.field());
    };
  }

  @ExceptionHandler(InvalidRecipeException.class)
  ProblemDetail invalidRun(InvalidRecipeException e) {
    return e.field().equals("queue")
        ? field(problem(HttpStatus.TOO_MANY_REQUESTS, "Queue full", e.getMessage()), e.field())
        : field(problem(HttpStatus.BAD_REQUEST, "Invalid run", e.getMessage()), e.field());
  }

  @ExceptionHandler(RunNotFinishedException.class)
  ProblemDetail notYet(RunNotFinishedException e) {
    return problem(HttpStatus.CONFLICT, "Not finished yet", e.getMessage());
  }

  @ExceptionHandler(ImportException.class)
  ProblemDetail importRefused(ImportException e) {
    return problem(HttpStatus.BAD_REQUEST, "Import refused", e.getMessage());
  }

  /** A PNG recall cannot read: the message starts with the file's name, as it was sent. */
  @ExceptionHandler(RecallException.class)
  ProblemDetail recallRefused(RecallException e) {
    return problem(HttpStatus.BAD_REQUEST, "PNG not recalled", e.getMessage());
  }

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail accessDenied(AccessDeniedException e) {
    var detail = e.getMessage() == null || e.getMessage().equals("Access Denied")
        ? "Your role does not allow this (viewers read; editors create and run; admins manage everyone's)"
        : e.getMessage();
    return problem(HttpStatus.FORBIDDEN, "Forbidden", detail);
  }

  @ExceptionHandler(AccountException.class)
  ProblemDetail account(AccountException e) {
    var problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage());
    return e.field().isEmpty() ? problem : field(problem, e.field());
  }

  /** Other refusals of bad arguments (an unknown dialect or image kind, ...). */
  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badArgument(IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid input", capitalise(String.valueOf(e.getMessage())));
  }

  /**
   * A body that is missing or cannot be read says what to send: the operation's fields and an
   * example (from its OpenAPI description), or the file it takes, rather than Spring's "Failed to
   * read request".
   */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    var handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE,
        RequestAttributes.SCOPE_REQUEST);
    var what = handler instanceof HandlerMethod method ? RequestBodies.whatToSend(method) : "";
    var missing = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing");
    String detail;
    if (missing) {
      detail = "This request needs a body: " + (what.isEmpty() ? "see /v3/api-docs" : what);
    } else {
      var cause = e.getMostSpecificCause() instanceof JsonProcessingException json
          ? json.getOriginalMessage() + locationOf(json)
          : "it is not the JSON this request takes";
      detail = "The body could not be read (" + cause + "). " + (what.isEmpty() ? "See /v3/api-docs" : "Send " + what);
    }
    var problem = field(problem(HttpStatus.BAD_REQUEST, "Invalid input", detail), "body");
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  private static String locationOf(JsonProcessingException e) {
    var at = e.getLocation();
    return at == null || at.getLineNr() < 1 ? "" : ", at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  /**
   * Anything else is a fault of ours: a 500 problem here, since the servlet's error page
   * belongs to the UI (and would send an API client to the login page).
   */
  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("API request failed", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
        "The server failed to answer: " + e.getClass().getSimpleName() + ". It is logged; try again or tell an admin.");
  }

  static ProblemDetail problem(HttpStatus status, String title, String detail) {
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }

  private static ProblemDetail field(ProblemDetail problem, String field) {
    problem.setProperty("field", field);
    return problem;
  }

  /** A refusal caused by a prompt syntax error keeps its column. */
  private static ProblemDetail withCause(ProblemDetail problem, Throwable e) {
    syntaxCause(e).ifPresent(s -> syntax(problem, s));
    return problem;
  }

  private static ProblemDetail syntax(ProblemDetail problem, PromptSyntaxException e) {
    problem.setProperty("column", e.column());
    problem.setProperty("fragment", e.fragment());
    problem.setProperty("hint", e.hint());
    return problem;
  }

  private static Optional<PromptSyntaxException> syntaxCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PromptSyntaxException s) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
