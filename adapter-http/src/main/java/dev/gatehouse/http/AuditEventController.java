package dev.gatehouse.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.audit.AuditUseCases;
import dev.gatehouse.core.audit.ExportAuditEvents;
import dev.gatehouse.core.audit.ListAuditEvents;
import dev.gatehouse.core.shared.Failure;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
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
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit trail, newest first, continued with an opaque cursor (it is large and append-only), and
 * its export: a time range streamed as NDJSON or CSV. Platform admins read every organization's
 * trail; owners, admins and keys holding {@code audit:read} read their organization's.
 */
@Controller("/api/v1/audit-events")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class AuditEventController {
    static final int DEFAULT_LIMIT = 50;

    static final MediaType NDJSON = MediaType.of("application/x-ndjson");
    static final MediaType CSV = MediaType.of("text/csv");

    private final AuditUseCases audit;
    private final Callers callers;
    private final ObjectMapper json;

    AuditEventController(AuditUseCases audit, Callers callers, ObjectMapper json) {
        this.audit = audit;
        this.callers = callers;
        this.json = json;
    }

    @Get
    @Operation(summary = "List audit events", operationId = "listAuditEvents")
    Dtos.AuditEventList list(
            HttpRequest<?> request,
            @Parameter(description = "The organization whose trail to read: required for a user session unless a platform "
                    + "admin (who reads all without one); an API key's own by default")
            @Nullable @QueryValue("organization_id") String organizationId,
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
        var query = query(organizationId, actor, action, resource, correlationId, sinceAt, untilAt);
        var page = FailureException.value(audit.list()
                .handle(new ListAuditEvents.Command(callers.caller(request), query, cursor, effectiveLimit)));
        String next = page.nextCursor().map(c -> nextLink(request, c)).orElse(null);
        return new Dtos.AuditEventList(page.items().stream().map(Dtos.AuditEventView::of).toList(),
                new Dtos.CursorMeta(page.nextCursor().orElse(null), effectiveLimit), new Dtos.CursorLinks(next));
    }

    @Get("/export")
    @Operation(summary = "Export a time range of the audit trail, oldest first, streamed as NDJSON (format=ndjson, the default) "
            + "or CSV (format=csv); until defaults to now", operationId = "exportAuditEvents")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The entries, one per line",
            content = {@io.swagger.v3.oas.annotations.media.Content(mediaType = "application/x-ndjson"),
                    @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv")})
    HttpResponse<java.io.InputStream> export(
            HttpRequest<?> request,
            @Parameter(description = "As for the list") @Nullable @QueryValue("organization_id") String organizationId,
            @Parameter(description = "ndjson (default) or csv") @Nullable @QueryValue("format") String format,
            @Nullable @QueryValue("actor") String actor,
            @Nullable @QueryValue("action") String action,
            @Nullable @QueryValue("resource") String resource,
            @Nullable @QueryValue("correlation_id") String correlationId,
            @Parameter(description = "Inclusive lower bound (ISO-8601)", schema = @Schema(type = "string", format = "date-time"))
            @Nullable @QueryValue("since") String since,
            @Parameter(description = "Exclusive upper bound (ISO-8601), at most now", schema = @Schema(type = "string", format = "date-time"))
            @Nullable @QueryValue("until") String until) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Instant sinceAt = Lists.instant("since", since, errors);
        Instant untilAt = Lists.instant("until", until, errors);
        ExportAuditEvents.Format chosen = ExportAuditEvents.Format.NDJSON;
        if (format != null && !format.isBlank()) {
            switch (format.strip()) {
                case "ndjson" -> chosen = ExportAuditEvents.Format.NDJSON;
                case "csv" -> chosen = ExportAuditEvents.Format.CSV;
                default -> errors.computeIfAbsent("format", k -> new java.util.ArrayList<>()).add("must be one of: ndjson, csv");
            }
        }
        if (!errors.isEmpty()) {
            throw new FailureException(Failure.invalid(errors));
        }
        var query = query(organizationId, actor, action, resource, correlationId, sinceAt, untilAt);
        var export = FailureException.value(audit.export()
                .handle(new ExportAuditEvents.Command(callers.caller(request), query, chosen)));
        String scope = export.query().organizationId() == null ? "all" : export.query().organizationId().text();
        String file = "audit-events-" + scope + "-" + export.query().until().toString().replace(":", "") + "."
                + chosen.text();
        return HttpResponse.ok((java.io.InputStream) new AuditExportStream(export, chosen, json))
                .contentType(chosen == ExportAuditEvents.Format.CSV ? CSV : NDJSON)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Cache-Control", "no-store");
    }

    /** The filters of a list or an export; blank ones are absent. */
    private static AuditQuery query(String organizationId, String actor, String action, String resource, String correlationId,
                                    Instant since, Instant until) {
        return new AuditQuery(OrganizationIds.organization(organizationId), blankToNull(actor), blankToNull(action),
                blankToNull(resource), blankToNull(correlationId), since, until);
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
