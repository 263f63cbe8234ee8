package workbench.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A refusal an API operation answers with: its status, as an RFC 9457 problem
 * ({@code application/problem+json}), documented in the OpenAPI description by
 * {@link ApiDescription}. 401 (no working token) and 400 (a body or a path or query value that cannot
 * be read) are added to every operation they apply to; name the others here, where the service
 * behind the operation throws them. {@code ApiContractTest} checks every answer against the
 * description, so a status answered but not named here fails it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Refusal.List.class)
@interface Refusal {

  /** The HTTP status: 400, 401, 403, 404, 409, 413 or 429. */
  int value();

  /** When it is answered; empty: the status's usual meaning in this API ({@link ApiDescription#meaning}). */
  String when() default "";

  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface List {
    Refusal[] value();
  }
}
