package dev.gatehouse.http;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The OpenAPI schema of every error answer ({@code application/problem+json}, RFC 9457, ADR 4): what
 * {@link Problem#members} writes. Documentation only; code-specific members ({@code required_scope},
 * {@code retry_after}, {@code feature}, …) are additional properties.
 */
@Dto
@Schema(name = "Problem", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
        description = "RFC 9457 problem details; `error` is the code (docs/api.md lists them), `errors` names the invalid fields")
record ProblemDocument(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"https://gatehouse.dev/problems/validation_failed"})
                       String type,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"Unprocessable Entity"}) String title,
                       int status,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"The request is invalid."}) String detail,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, examples = {"validation_failed"}) String error,
                       @Schema(types = {"object"}, description = "Field → messages, for validation_failed")
                       Map<String, List<String>> errors,
                       String requestId) {
    static final String DESCRIPTION = "A problem (application/problem+json): 400 invalid_json or bad_request, 401 unauthorized, "
            + "403 access_denied or feature_limit_reached, 404 not_found, 405, 406, 409 conflict, 413, 414, 415, 422 "
            + "validation_failed, 429 rate_limit_exceeded, 431 (docs/api.md, Errors)";
}
