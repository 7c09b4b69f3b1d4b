package dev.gatehouse.http;

import dev.gatehouse.core.webhooks.WebhookUseCases;
import dev.gatehouse.core.shared.DeliveryId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.WebhookId;
import dev.gatehouse.core.webhooks.EventTypes;
import dev.gatehouse.core.webhooks.ManageWebhooks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Webhooks: an organization's endpoints (the signing secret in the create and rotate responses
 * only), the event type catalog, the deliveries log, manual retry, test event and replay.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Webhooks")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class WebhookController {
    private static final Set<String> SORTABLE = Set.of("created_at", "url");
    private final WebhookUseCases webhooks;
    private final java.time.Clock clock;
    private final Callers callers;

    WebhookController(WebhookUseCases webhooks, Callers callers, java.time.Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
        this.callers = callers;
    }

    private static WebhookId webhookId(String text) {
        return WebhookId.parse(text).orElseThrow(() -> FailureException.notFound("Webhook"));
    }

    private Instant now() {
        return clock.instant();
    }

    @Get("/webhooks")
    @Operation(summary = "List the organization's webhook endpoints (webhooks:read), newest first; status active or disabled; "
            + "search in url and description", operationId = "listWebhooks")
    WebhookDtos.WebhookList list(HttpRequest<?> request, @RequestBean ListParams params,
                                 @Parameter(description = "Required for a user session; implied for an API key")
                                 @Nullable @QueryValue("organization_id") String organizationId) {
        ListQuery query = Lists.query(params, SORTABLE);
        var page = FailureException.value(webhooks.manage().list(callers.caller(request),
                OrganizationIds.organization(request, organizationId),
                query));
        Instant now = now();
        return Lists.envelope(request, page, e -> WebhookDtos.WebhookView.of(e, now, null), WebhookDtos.WebhookList::new);
    }

    @Post(value = "/webhooks", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Create a webhook endpoint (webhooks:write; takes a webhooks slot of the plan): https URL resolving to "
            + "public addresses only; the whsec_ secret is returned once", operationId = "createWebhook")
    HttpResponse<WebhookDtos.WebhookData> create(HttpRequest<?> request, @Body WebhookDtos.CreateWebhookRequest body) {
        var created = FailureException.value(webhooks.manage().create(new ManageWebhooks.Create(callers.caller(request),
                OrganizationIds.organization(request, body.organizationId()), body.url(), body.events(), body.description(),
                body.isActive(), body.secret())));
        return HttpResponse.created(new WebhookDtos.WebhookData("Webhook endpoint created successfully.",
                WebhookDtos.WebhookView.of(created.endpoint(), now(),
                created.secret()))).header("Location", "/api/v1/webhooks/" + created.endpoint().id().text());
    }

    @Get("/webhooks/{id}")
    @Operation(summary = "Get a webhook endpoint, never its secret (webhooks:read)", operationId = "getWebhook")
    WebhookDtos.WebhookData get(HttpRequest<?> request, @PathVariable String id) {
        return new WebhookDtos.WebhookData(WebhookDtos.WebhookView.of(FailureException.value(
                webhooks.manage().get(callers.caller(request), webhookId(id))), now(), null));
    }

    @Patch(value = "/webhooks/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a webhook endpoint's url, events, description or is_active (webhooks:write); is_active true "
            + "re-enables a disabled endpoint", operationId = "updateWebhook")
    WebhookDtos.WebhookData update(HttpRequest<?> request, @PathVariable String id, @Body WebhookDtos.UpdateWebhookRequest body) {
        return new WebhookDtos.WebhookData(WebhookDtos.WebhookView.of(FailureException.value(webhooks.manage().update(
                new ManageWebhooks.Update(callers.caller(request), webhookId(id), body.url(), body.events(), body.description(),
                        body.isActive()))), now(), null));
    }

    @Delete("/webhooks/{id}")
    @Operation(summary = "Delete a webhook endpoint and its deliveries (webhooks:delete); the plan slot is given back",
            operationId = "deleteWebhook")
    HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String id) {
        FailureException.value(webhooks.manage().delete(callers.caller(request), webhookId(id)));
        return HttpResponse.noContent();
    }

    @Post(value = "/webhooks/{id}/rotate-secret", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.OK)
    @Operation(summary = "Rotate the signing secret (webhooks:write): the new whsec_ secret is returned once; during "
            + "grace_period_hours (default 24) deliveries carry both signatures", operationId = "rotateWebhookSecret")
    WebhookDtos.WebhookData rotate(HttpRequest<?> request, @PathVariable String id,
                                   @Nullable @Body WebhookDtos.RotateSecretRequest body) {
        var rotated = FailureException.value(webhooks.manage().rotateSecret(callers.caller(request), webhookId(id),
                body == null ? null : body.gracePeriodHours(), body == null ? null : body.secret()));
        return new WebhookDtos.WebhookData(WebhookDtos.WebhookView.of(rotated.endpoint(), now(), rotated.secret()));
    }

    @Get("/webhooks/{id}/deliveries")
    @Operation(summary = "The endpoint's deliveries, newest first (webhooks:read); status pending, retrying, success or failed",
            operationId = "listWebhookDeliveries")
    WebhookDtos.DeliveryList deliveries(HttpRequest<?> request, @PathVariable String id, @RequestBean ListParams params) {
        ListQuery query = Lists.query(params, Set.of());
        Page<dev.gatehouse.core.webhooks.WebhookDelivery> page = FailureException.value(webhooks.manage().deliveries(
                callers.caller(request), webhookId(id), query.status(), query.page()));
        return Lists.envelope(request, page, WebhookDtos.DeliveryView::of, WebhookDtos.DeliveryList::new);
    }

    @Post("/webhooks/{id}/deliveries/{deliveryId}/retry")
    @Status(HttpStatus.OK)
    @Operation(summary = "Queue a delivery again, due now (webhooks:write); 400 cannot_retry when it already succeeded",
            operationId = "retryWebhookDelivery")
    WebhookDtos.DeliveryData retry(HttpRequest<?> request, @PathVariable String id, @PathVariable String deliveryId) {
        DeliveryId delivery = DeliveryId.parse(deliveryId).orElseThrow(() -> FailureException.notFound("Delivery"));
        return new WebhookDtos.DeliveryData("Delivery queued for retry.", WebhookDtos.DeliveryView.of(FailureException.value(
                webhooks.manage().retry(callers.caller(request), webhookId(id), delivery))));
    }

    @Post("/webhooks/{id}/test")
    @Status(HttpStatus.OK)
    @Operation(summary = "Send a webhook.test event to the endpoint now and return the attempt's outcome (webhooks:write); "
            + "recorded in the deliveries log, never retried", operationId = "testWebhook")
    WebhookDtos.TestData test(HttpRequest<?> request, @PathVariable String id) {
        return new WebhookDtos.TestData(WebhookDtos.TestView.of(FailureException.value(
                webhooks.manage().test(callers.caller(request), webhookId(id)))));
    }

    @Post(value = "/webhooks/{id}/replay", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.ACCEPTED)
    @Operation(summary = "Deliver again every event of the organization since a timestamp that the endpoint subscribes to "
            + "(webhooks:write); at most 10,000 events per call", operationId = "replayWebhook")
    WebhookDtos.ReplayData replay(HttpRequest<?> request, @PathVariable String id, @Body WebhookDtos.ReplayRequest body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Instant since = Lists.instant("since", body.since(), errors);
        if (!errors.isEmpty()) {
            throw new FailureException(Failure.invalid(errors));
        }
        int queued = FailureException.value(webhooks.manage().replay(callers.caller(request), webhookId(id), since));
        return new WebhookDtos.ReplayData(new WebhookDtos.ReplayView(queued, since == null ? null : Dtos.time(since)));
    }

    @Get("/event-types")
    @Operation(summary = "Every event type webhooks deliver, with a description and an example body (any authenticated caller)",
            operationId = "listEventTypes")
    WebhookDtos.EventTypeList eventTypes(HttpRequest<?> request) {
        callers.caller(request);
        var all = EventTypes.all();
        return Lists.envelope(request, Lists.whole(all), WebhookDtos.EventTypeView::of,
                WebhookDtos.EventTypeList::new);
    }
}
