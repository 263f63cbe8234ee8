/**
 * The REST API under {@code /api/v1}: per-user API tokens, and thin controllers over the
 * feature services (libraries, prompts, parsing, runs, grids and their exports), so the API
 * has the same roles, ownership rules and limits as the UI. Errors are RFC 9457 problem
 * details; the OpenAPI description is served at {@code /v3/api-docs}.
 */
@NullMarked
package workbench.api;

import org.jspecify.annotations.NullMarked;
