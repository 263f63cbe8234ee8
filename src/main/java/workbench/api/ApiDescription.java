package workbench.api;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the OpenAPI description says beyond what springdoc reads from the controllers, so that it
 * is the truth about the API (issue 19, point 10):
 * <ul>
 *   <li>every refusal an operation answers, as {@code application/problem+json} with the
 *       {@value #PROBLEM} schema: 401 on every operation, 400 on every operation that reads a
 *       body or a path or query value, and those named with {@link Refusal} (403, 404, 409, 413,
 *       429);
 *   <li>{@code nullable} on every property that can be null: Java's {@code Optional} is written
 *       as null when empty (a nullable object is {@code anyOf} the object and null, OpenAPI
 *       3.0's way: {@code nullable} beside a {@code $ref} counts for nothing).
 * </ul>
 * {@code ApiContractTest} calls every operation and checks each answer (status, media type,
 * body) against this description.
 */
@Configuration
class ApiDescription {

  static final String PROBLEM = "Problem";
  static final String PROBLEM_JSON = "application/problem+json";

  /** Each status's usual meaning in this API, when the {@link Refusal} does not say more. */
  static String meaning(int status) {
    return switch (status) {
      case 400 -> "Invalid input: the detail says what, field names the field, and a prompt syntax error adds its"
          + " column, fragment and hint";
      case 401 -> "No working credentials: send an API token as 'Authorization: Bearer <token>'";
      case 403 -> "Your role does not allow this (viewers read; editors create, run and change their own)";
      case 404 -> "Not found, or not yours to read";
      case 409 -> "Not now: the detail says what stands in the way";
      case 413 -> "Too large: the detail names the limit and its setting";
      case 429 -> "Your queue is full (workbench.limits.max-queued-jobs): wait for your runs to finish";
      default -> throw new IllegalArgumentException("No refusal " + status + " in this API");
    };
  }

  /** The refusals named on each operation's method, and 401 on all of them. */
  @Bean
  OperationCustomizer refusalsOfEachOperation() {
    return (operation, handler) -> {
      for (var refusal : handler.getMethod().getAnnotationsByType(Refusal.class)) {
        refuse(operation, refusal.value(), refusal.when().isBlank() ? meaning(refusal.value()) : refusal.when());
      }
      refuse(operation, 401, meaning(401));
      return operation;
    };
  }

  /** The problem schema, 400 wherever a request can be unreadable, and responses in status order. */
  @Bean
  OpenApiCustomizer problemsEverywhere() {
    return openApi -> {
      openApi.getComponents().addSchemas(PROBLEM, problemSchema());
      openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
        boolean readsInput = operation.getRequestBody() != null
            || operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (readsInput) {
          refuse(operation, 400, meaning(400));
        }
        var sorted = new ApiResponses();
        operation.getResponses().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(e -> sorted.addApiResponse(e.getKey(), e.getValue()));
        operation.setResponses(sorted);
      }));
    };
  }

  /** {@code Optional} properties are nullable: empty is written as null. */
  @Bean
  ModelConverter optionalsAreNullable() {
    return new NullableOptionals();
  }

  private static void refuse(Operation operation, int status, String description) {
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    operation.getResponses().computeIfAbsent(String.valueOf(status), code -> new ApiResponse()
        .description(description)
        .content(new Content().addMediaType(PROBLEM_JSON,
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
  }

  @SuppressWarnings("rawtypes")
  private static Schema problemSchema() {
    var problem = new ObjectSchema()
        .description("An RFC 9457 problem detail: what was refused and why. Members beyond the standard five are"
            + " present where they apply.");
    problem.addProperty("type", new StringSchema().description("The problem type; about:blank: see the status")
        .example("about:blank"));
    problem.addProperty("title", new StringSchema().description("A short summary").example("Prompt syntax error"));
    problem.addProperty("status", new IntegerSchema().description("The HTTP status").example(400));
    problem.addProperty("detail", new StringSchema().description("What was refused and why, and what to do")
        .example("Weight '2x' at column 15 is not a number"));
    problem.addProperty("instance", new StringSchema().description("The request path"));
    problem.addProperty("field", new StringSchema().description("The input field that was refused").example("text"));
    problem.addProperty("column", new IntegerSchema().description("A prompt syntax error's 1-based column").example(15));
    problem.addProperty("fragment", new StringSchema().description("The prompt text at that column").example("2x"));
    problem.addProperty("hint", new StringSchema().description("How to write it instead"));
    problem.setRequired(List.of("type", "title", "status", "detail"));
    return problem;
  }

  /**
   * Marks nullable every property whose Java type is {@code Optional} (or its primitive kin):
   * Jackson writes an empty one as null. swagger-core unwraps an {@code Optional} before a
   * converter sees the property, so this looks at each model as a whole: Jackson's own view of
   * the class says which properties are optional. A nullable object reference becomes
   * {@code anyOf} the object and a null-only schema, since OpenAPI 3.0 ignores {@code nullable}
   * beside a {@code $ref}.
   */
  static final class NullableOptionals implements ModelConverter {

    private static final String REF_PREFIX = "#/components/schemas/";

    @Override
    @SuppressWarnings("rawtypes")
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
      if (!chain.hasNext()) {
        return null;
      }
      Schema schema = chain.next().resolve(type, context, chain);
      if (schema == null || type.getType() == null) {
        return schema;
      }
      var java = Json.mapper().constructType(type.getType());
      if (java.isContainerType() || java.isPrimitive() || java.isEnumType() || java.isReferenceType()
          || java.getRawClass().getName().startsWith("java.")) {
        return schema;
      }
      var model = schema.get$ref() != null && schema.get$ref().startsWith(REF_PREFIX)
          ? context.getDefinedModels().get(schema.get$ref().substring(REF_PREFIX.length()))
          : schema;
      if (model != null && model.getProperties() != null) {
        markOptionals(java, model);
      }
      return schema;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void markOptionals(JavaType java, Schema model) {
      Map<String, Schema> properties = model.getProperties();
      for (var property : Json.mapper().getSerializationConfig().introspect(java).findProperties()) {
        var schema = properties.get(property.getName());
        if (schema == null || !optional(property.getPrimaryType().getRawClass())
            || Boolean.TRUE.equals(schema.getNullable()) || schema.getAnyOf() != null) {
          continue;
        }
        if (schema.get$ref() == null) {
          schema.setNullable(true);
          continue;
        }
        var nothing = new ObjectSchema();
        nothing.setNullable(true);
        nothing.setEnum(new ArrayList<>(Collections.singletonList(null)));
        var either = new ComposedSchema().anyOf(List.of(new Schema<>().$ref(schema.get$ref()), nothing));
        either.setDescription(schema.getDescription());
        properties.put(property.getName(), either);
      }
    }

    private static boolean optional(Class<?> raw) {
      return raw == Optional.class || raw == OptionalInt.class || raw == OptionalLong.class || raw == OptionalDouble.class;
    }
  }
}
