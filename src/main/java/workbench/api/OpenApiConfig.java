package workbench.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description's header: what the API is, and its two ways to authenticate. */
@Configuration
@OpenAPIDefinition(
    info = @Info(title = "Prompt Workbench API", version = "v1",
        description = "Libraries and prompt versions, prompt parsing, runs and A/B seed grids with their exports."
            + " Every request acts as the token's user, with that user's role and limits."
            + " Errors are RFC 9457 problem details (application/problem+json)."),
    security = @SecurityRequirement(name = OpenApiConfig.BEARER))
@SecurityScheme(name = OpenApiConfig.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
    description = "An API token (pwb_…): make one on the API tokens page or with POST /api/v1/tokens")
@SecurityScheme(name = OpenApiConfig.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
    description = "Your user name and password: only to make a token")
class OpenApiConfig {

  static final String BEARER = "token";
  static final String BASIC = "password";
}
