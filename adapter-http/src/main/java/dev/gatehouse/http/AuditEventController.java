package dev.gatehouse.http;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.audit.ListAuditEvents;
import dev.gatehouse.core.shared.Failure;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The audit trail, newest first, continued with an opaque cursor (it is large and append-only). */
@Controller("/api/v1/audit-events")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit")
@SecurityRequirement(name = "bearer")
final class AuditEventController {
    static final int DEFAULT_LIMIT = 50;

    private final Gatehouse gatehouse;
    private final Callers callers;

    AuditEventController(Gatehouse gatehouse, Callers callers) {
        this.gatehouse = gatehouse;
        this.callers = callers;
    }

    @Get
    @Operation(summary = "List audit events", operationId = "listAuditEvents")
    Dtos.AuditEventList list(
            HttpRequest<?> request,
            @Parameter(description = "Actor id (usr_…, system:…)") @Nullable @QueryValue("actor") String actor,
            @Parameter(description = "Action, or a prefix ending in .* (user.*)") @Nullable @QueryValue("action") String action,
            @Parameter(description = "Resource id (usr_…) or resource type (user)") @Nullable @QueryValue("resource") String resource,
            @Nullable @QueryValue("correlation_id") String correlationId,
            @Parameter(description = "Inclusive lower bound (ISO-8601)", schema = @Schema(type = "string", format = "date-time"))
            @Nullable @QueryValue("since") String since,
            @Parameter(description = "Exclusive upper bound (ISO-8601)", schema = @Schema(type = "string", format = "date-time"))
            @Nullable @QueryValue("until") String until,
            @Parameter(description = "meta.next_cursor of the previous slice") @Nullable @QueryValue("cursor") String cursor,
            @Parameter(description = "Slice size, 1 to 100", schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "50"))
            @Nullable @QueryValue("limit") String limit) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Instant sinceAt = Lists.instant("since", since, errors);
        Instant untilAt = Lists.instant("until", until, errors);
        Integer size = Lists.integer("limit", limit, errors);
        if (!errors.isEmpty()) {
            throw new FailureException(Failure.invalid(errors));
        }
        int effectiveLimit = size == null ? DEFAULT_LIMIT : size;
        var query = new AuditQuery(null, blankToNull(actor), blankToNull(action), blankToNull(resource),
                blankToNull(correlationId), sinceAt, untilAt);
        var page = FailureException.value(gatehouse.listAuditEvents()
                .handle(new ListAuditEvents.Command(callers.caller(request), query, cursor, effectiveLimit)));
        String next = page.nextCursor().map(c -> nextLink(request, c)).orElse(null);
        return new Dtos.AuditEventList(page.items().stream().map(Dtos.AuditEventView::of).toList(),
                new Dtos.CursorMeta(page.nextCursor().orElse(null), effectiveLimit), new Dtos.CursorLinks(next));
    }

    private static String nextLink(HttpRequest<?> request, String cursor) {
        UriBuilder uri = UriBuilder.of(request.getPath());
        request.getParameters().asMap().forEach((name, values) -> {
            if (!name.equals("cursor")) {
                values.forEach(v -> uri.queryParam(name, v));
            }
        });
        uri.queryParam("cursor", cursor);
        return uri.build().toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
