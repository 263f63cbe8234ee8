package workbench.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's API tokens: make one (with the password), list, revoke. */
@RestController
@RequestMapping(ApiSecurityConfig.TOKENS)
@Tag(name = "Tokens", description = "API tokens of the calling user")
class TokenController {

  private final ApiTokenService tokens;

  TokenController(ApiTokenService tokens) {
    this.tokens = tokens;
  }

  record TokenRequest(@Schema(description = "What uses the token, to recognise it later", example = "nightly grid script")
      String name) {
    TokenRequest {
      name = name == null ? "" : name;
    }
  }

  record CreatedToken(
      long id,
      String name,
      @Schema(description = "The token: send it as 'Authorization: Bearer <token>'. Shown only now; store it safely.",
          example = "pwb_Xy3kQ9aBcD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3wX4yZ")
      String token,
      String prefix,
      Instant createdAt) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Make an API token",
      description = "Authenticate with HTTP Basic (your user name and password). The token is in this answer only;"
          + " the server keeps its SHA-256.",
      security = @SecurityRequirement(name = OpenApiConfig.BASIC))
  @Refusal(value = 400, when = "No body, or a name that is empty, too long or not plain text: the detail says what to send")
  @Refusal(value = 401, when = "No user name and password (HTTP Basic), a wrong one, or a disabled user")
  CreatedToken create(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
      @ExampleObject(name = "a script's token", value = "{\"name\": \"nightly grid script\"}")))
      @RequestBody TokenRequest request) {
    var made = tokens.create(request.name());
    var t = made.token();
    return new CreatedToken(t.id(), t.name(), made.secret(), t.prefix(), t.createdAt());
  }

  @GetMapping
  @Operation(summary = "List your tokens", description = "Newest first, revoked ones included; never the tokens themselves.")
  List<ApiToken> list() {
    return tokens.mine();
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Revoke one of your tokens", description = "It stops working at once. Revoking twice is harmless.")
  @Refusal(value = 404, when = "You have no token with this id")
  ApiToken revoke(@PathVariable long id) {
    return tokens.revoke(id);
  }
}
