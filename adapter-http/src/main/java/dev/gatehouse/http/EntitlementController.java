package dev.gatehouse.http;

import dev.gatehouse.core.entitlements.EntitlementUseCases;
import dev.gatehouse.core.entitlements.CheckEntitlement;
import dev.gatehouse.core.entitlements.OverrideEntitlement;
import dev.gatehouse.core.entitlements.PlanCatalog;
import dev.gatehouse.core.entitlements.RecordUsage;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Plans and entitlements: the catalog, an organization's plan and overrides (platform admins), the
 * check, usage recording (atomic with the check) and the usage summary. An API key acts in its own
 * organization; a user session names one with {@code organization_id}.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Entitlements")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class EntitlementController {
    private final EntitlementUseCases entitlements;
    private final Callers callers;

    EntitlementController(EntitlementUseCases entitlements, Callers callers) {
        this.entitlements = entitlements;
        this.callers = callers;
    }

    @Get("/plans")
    @Operation(summary = "The plan catalog: every tier with what it gives for each feature (any authenticated caller)",
            operationId = "listPlans")
    EntitlementDtos.PlanList plans(HttpRequest<?> request) {
        PlanCatalog catalog = FailureException.value(entitlements.listPlans().handle(callers.caller(request)));
        var plans = catalog.plans();
        return Lists.envelope(request, Lists.whole(plans), p -> EntitlementDtos.PlanView.of(catalog, p),
                EntitlementDtos.PlanList::new);
    }

    @Put(value = "/organizations/{id}/plan", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Move an organization to another tier (platform admins only); the subscription start stays",
            operationId = "changeOrganizationPlan")
    EntitlementDtos.OrganizationPlanData changePlan(HttpRequest<?> request, @PathVariable String id,
                                                    @Body EntitlementDtos.ChangePlanRequest body) {
        return new EntitlementDtos.OrganizationPlanData(EntitlementDtos.OrganizationPlanView.of(FailureException.value(
                entitlements.changePlan().handle(callers.caller(request), OrganizationController.organizationId(id), body.tier()))));
    }

    @Put(value = "/organizations/{id}/entitlements/{feature}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Override the organization's allowance for a feature (platform admins only): limit (a whole number, "
            + "\"unlimited\", or true/false for a boolean feature), period, soft", operationId = "overrideEntitlement")
    EntitlementDtos.EntitlementData override(HttpRequest<?> request, @PathVariable String id, @PathVariable String feature,
                                             @Body EntitlementDtos.OverrideEntitlementRequest body) {
        OrganizationId org = OrganizationController.organizationId(id);
        var resolved = FailureException.value(entitlements.overrideEntitlement().handle(new OverrideEntitlement.Command(
                callers.caller(request), org, feature, body.limit(), body.period(), body.soft())));
        return new EntitlementDtos.EntitlementData(new EntitlementDtos.EntitlementView(org.text(), resolved.feature().key(),
                resolved.tier(), resolved.allowance().enabled(), resolved.allowance().limit(), resolved.allowance().period().wire(),
                resolved.allowance().soft(), resolved.overridden()));
    }

    @Get("/entitlements/check")
    @Operation(summary = "May the organization use quantity (default 1) more of a feature? (entitlements:read) Always 200: a "
            + "refusal says why (LIMIT_EXCEEDED, FEATURE_NOT_IN_PLAN, UNKNOWN_FEATURE); counts nothing", operationId = "checkEntitlement")
    EntitlementDtos.CheckData check(HttpRequest<?> request, @Nullable @QueryValue String feature,
                                    @Parameter(description = "Default 1") @Nullable @QueryValue String quantity,
                                    @Parameter(description = "Required for a user session; implied for an API key")
                                    @Nullable @QueryValue("organization_id") String organizationId) {
        Long q = null;
        if (quantity != null && !quantity.isBlank()) {
            try {
                q = Long.parseLong(quantity.strip());
            } catch (NumberFormatException e) {
                throw new FailureException(Failure.invalid("quantity", "must be a whole number"));
            }
        }
        return new EntitlementDtos.CheckData(EntitlementDtos.CheckView.of(FailureException.value(entitlements.checkEntitlement().handle(
                new CheckEntitlement.Command(callers.caller(request),
                        OrganizationIds.organization(request, organizationId), feature, q)))));
    }

    @Post(value = "/entitlements/usage", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Record usage atomically with the check (usage:write): a hard limit is never exceeded (403 "
            + "feature_limit_reached), a soft one reports overage; negative quantities release gauges; with Idempotency-Key a "
            + "retry counts once", operationId = "recordUsage")
    EntitlementDtos.UsageData record(HttpRequest<?> request, @Body EntitlementDtos.RecordUsageRequest body) {
        Long quantity = wholeNumber(body.quantity());
        return new EntitlementDtos.UsageData(EntitlementDtos.UsageView.of(FailureException.value(entitlements.recordUsage().handle(
                new RecordUsage.Command(callers.caller(request),
                        OrganizationIds.organization(request, body.organizationId()), body.feature(),
                        quantity, body.metadata())))));
    }

    @Get("/entitlements/summary")
    @Operation(summary = "The organization's usage of every feature: used, limit, available, percentage, reset_at, unit "
            + "(entitlements:read)", operationId = "entitlementSummary")
    EntitlementDtos.SummaryData summary(HttpRequest<?> request,
                                        @Parameter(description = "Required for a user session; implied for an API key")
                                        @Nullable @QueryValue("organization_id") String organizationId) {
        return new EntitlementDtos.SummaryData(EntitlementDtos.SummaryView.of(FailureException.value(
                entitlements.summarizeEntitlements().handle(callers.caller(request),
                        OrganizationIds.organization(request, organizationId)))));
    }

    /** A JSON number that must be whole and fit a long; null stays null (the default applies). */
    private static Long wholeNumber(Number n) {
        if (n == null) {
            return null;
        }
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof BigInteger b && b.bitLength() < 63) {
            return b.longValue();
        }
        if (n instanceof BigInteger) {
            throw new FailureException(Failure.invalid("quantity", "is too large"));
        }
        BigDecimal d = new BigDecimal(n.toString());
        if (d.stripTrailingZeros().scale() > 0) {
            throw new FailureException(Failure.invalid("quantity", "must be a whole number"));
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            throw new FailureException(Failure.invalid("quantity", "is too large"));
        }
    }
}
