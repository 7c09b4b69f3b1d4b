package dev.gatehouse.http;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The common list query parameters, bound as text so that {@link Lists} can reject bad values with
 * a 422 naming the parameter (Micronaut's own conversion would answer a bare 400).
 */
@Introspected
record ListParams(
        @Parameter(description = "Page number, from 1.", schema = @Schema(type = "integer", minimum = "1", defaultValue = "1"))
        @Nullable @QueryValue("page") String page,
        @Parameter(description = "Page size, 1 to 100.", schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "25"))
        @Nullable @QueryValue("per_page") String perPage,
        @Parameter(description = "Comma-separated sort keys; a leading '-' sorts descending, e.g. -created_at,name.")
        @Nullable @QueryValue("sort") String sort,
        @Parameter(description = "Only items created after this instant (ISO-8601).", schema = @Schema(type = "string", format = "date-time"))
        @Nullable @QueryValue("created_after") String createdAfter,
        @Parameter(description = "Only items created before this instant (ISO-8601).", schema = @Schema(type = "string", format = "date-time"))
        @Nullable @QueryValue("created_before") String createdBefore,
        @Parameter(description = "Only items updated after this instant (ISO-8601).", schema = @Schema(type = "string", format = "date-time"))
        @Nullable @QueryValue("updated_after") String updatedAfter,
        @Parameter(description = "Only items updated before this instant (ISO-8601).", schema = @Schema(type = "string", format = "date-time"))
        @Nullable @QueryValue("updated_before") String updatedBefore,
        @Parameter(description = "Case-insensitive text search.")
        @Nullable @QueryValue("search") String search,
        @Parameter(description = "Only items in this status.")
        @Nullable @QueryValue("status") String status) {
}
