package dev.gatehouse.http;

import dev.gatehouse.core.mail.ListMailDeliveries;
import dev.gatehouse.core.mail.MailQuery;
import dev.gatehouse.core.mail.MailStatus;
import dev.gatehouse.core.mail.QueuedMail;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mail outbox's delivery status for platform admins (ADR 0029): never a mail's content or link. */
@Controller("/api/v1/mail/deliveries")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Mail")
@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/problem+json",
                schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class MailDeliveryController {
    static final int DEFAULT_LIMIT = 50;

    private final ListMailDeliveries deliveries;
    private final Callers callers;

    MailDeliveryController(ListMailDeliveries deliveries, Callers callers) {
        this.deliveries = deliveries;
        this.callers = callers;
    }

    /** One mail's delivery: who, what kind, where it stands; the content stays sealed. */
    @Dto
    @Schema(name = "MailDelivery")
    record MailDeliveryView(String id, String kind, String recipient,
                            @Schema(implementation = WireEnums.MailStatus.class) String status, int attempts,
                            @Schema(types = {"string", "null"}, format = "date-time") String nextAttemptAt,
                            @Schema(types = {"string", "null"}) String lastError, @Schema(types = {"string", "null"}) String via,
                            @Schema(format = "date-time") String createdAt, @Schema(format = "date-time") String updatedAt,
                            @Schema(types = {"string", "null"}, format = "date-time") String sentAt) {
        static MailDeliveryView of(QueuedMail m) {
            return new MailDeliveryView(m.id().text(), m.kind(), m.recipient(), m.status().text(), m.attempts(),
                    m.status().open() ? Dtos.time(m.nextAttemptAt()) : null, m.lastError(), m.via(), Dtos.time(m.createdAt()),
                    Dtos.time(m.updatedAt()), m.sentAt() == null ? null : Dtos.time(m.sentAt()));
        }
    }

    @Dto
    @Schema(name = "MailDeliveryList")
    record MailDeliveryList(List<MailDeliveryView> data, Dtos.CursorMeta meta, Dtos.CursorLinks links) {
    }

    @Get
    @Operation(summary = "List mail deliveries, newest first (platform admins): status, attempts, last error; never the content",
            operationId = "listMailDeliveries")
    MailDeliveryList list(HttpRequest<?> request,
                          @Parameter(description = "pending, retrying, sent or failed") @Nullable @QueryValue("status") String status,
                          @Parameter(description = "Recipient email (exact, any case)") @Nullable @QueryValue("recipient") String recipient,
                          @Parameter(description = "invitation, …") @Nullable @QueryValue("kind") String kind,
                          @Parameter(description = "meta.next_cursor of the previous slice") @Nullable @QueryValue("cursor") String cursor,
                          @Parameter(description = "Slice size, 1 to 100", schema = @Schema(type = "integer", minimum = "1", maximum = "100",
                                  defaultValue = "50")) @Nullable @QueryValue("limit") String limit) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        MailStatus chosen = null;
        if (status != null && !status.isBlank()) {
            chosen = MailStatus.parse(status.strip()).orElse(null);
            if (chosen == null) {
                errors.computeIfAbsent("status", k -> new ArrayList<>()).add("must be one of: pending, retrying, sent, failed");
            }
        }
        Integer size = Lists.integer("limit", limit, errors);
        if (!errors.isEmpty()) {
            throw new FailureException(Failure.invalid(errors));
        }
        int effective = size == null ? DEFAULT_LIMIT : size;
        var query = new MailQuery(chosen, blankToNull(recipient), blankToNull(kind));
        var page = FailureException.value(deliveries.handle(callers.caller(request), query, cursor, effective));
        String next = page.nextCursor().map(c -> nextLink(request, c)).orElse(null);
        return new MailDeliveryList(page.items().stream().map(MailDeliveryView::of).toList(),
                new Dtos.CursorMeta(page.nextCursor().orElse(null), effective), new Dtos.CursorLinks(next));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nextLink(HttpRequest<?> request, String cursor) {
        UriBuilder uri = UriBuilder.of(request.getPath());
        request.getParameters().asMap().forEach((name, values) -> {
            if (!name.equals("cursor")) {
                values.forEach(v -> uri.queryParam(name, v));
            }
        });
        return uri.queryParam("cursor", cursor).toString();
    }
}
