package dev.gatehouse.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Seed 000's module reads that Gatehouse has (ADR 32): tenants ({@code /api/tenants…}) are organizations,
 * handed to {@link OrganizationController}; webhooks ({@code /api/webhooks…}) are handed to
 * {@link WebhookController}. Writes stay at the canonical paths; the product modules are out of scope.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = SeedDtos.TAG)
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class SeedModuleController {
    private final OrganizationController organizations;
    private final WebhookController webhooks;

    SeedModuleController(OrganizationController organizations, WebhookController webhooks) {
        this.organizations = organizations;
        this.webhooks = webhooks;
    }

    @Get("/tenants")
    @Operation(summary = "Seed 000: list tenants = GET /api/v1/organizations (the caller's; a key: its own)",
            operationId = "seed000ListTenants")
    TenancyDtos.OrganizationList tenants(HttpRequest<?> request, @RequestBean ListParams params) {
        return organizations.list(request, params);
    }

    @Get("/tenants/{id}")
    @Operation(summary = "Seed 000: read a tenant = GET /api/v1/organizations/{id}", operationId = "seed000GetTenant")
    TenancyDtos.OrganizationData tenant(HttpRequest<?> request, @PathVariable String id) {
        return organizations.get(request, id);
    }

    @Get("/webhooks")
    @Operation(summary = "Seed 000: list webhook endpoints = GET /api/v1/webhooks (organization: ?organization_id, X-Workspace-ID "
            + "or an API key's own)", operationId = "seed000ListWebhooks")
    WebhookDtos.WebhookList webhooks(HttpRequest<?> request, @RequestBean ListParams params,
                                     @Nullable @QueryValue("organization_id") String organizationId) {
        return webhooks.list(request, params, organizationId);
    }

    @Get("/webhooks/{id}")
    @Operation(summary = "Seed 000: read a webhook endpoint, never its secret = GET /api/v1/webhooks/{id}",
            operationId = "seed000GetWebhook")
    WebhookDtos.WebhookData webhook(HttpRequest<?> request, @PathVariable String id) {
        return webhooks.get(request, id);
    }

    @Get("/webhooks/{id}/deliveries")
    @Operation(summary = "Seed 000: a webhook endpoint's deliveries = GET /api/v1/webhooks/{id}/deliveries",
            operationId = "seed000ListWebhookDeliveries")
    WebhookDtos.DeliveryList deliveries(HttpRequest<?> request, @PathVariable String id, @RequestBean ListParams params) {
        return webhooks.deliveries(request, id, params);
    }
}
