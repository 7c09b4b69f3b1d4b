package dev.gatehouse.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.core.entitlements.Allowance;
import dev.gatehouse.core.entitlements.Entitlements;
import dev.gatehouse.core.entitlements.Feature;
import dev.gatehouse.core.entitlements.FeatureType;
import dev.gatehouse.core.entitlements.Plan;
import dev.gatehouse.core.entitlements.PlanCatalog;
import dev.gatehouse.core.entitlements.SummarizeEntitlements;
import dev.gatehouse.core.tenancy.Organization;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.http.Dtos.time;

/** The wire records of plans, entitlements and usage. */
final class EntitlementDtos {
    private EntitlementDtos() {
    }

    @Dto
    @Schema(name = "PlanFeature")
    record PlanFeatureView(@Schema(description = "One of: gauge, counter, boolean.") String type, String unit, boolean enabled,
                           @Schema(types = {"integer", "null"}, description = "null: unlimited (or a boolean feature)") Long limit,
                           @Schema(implementation = WireEnums.UsagePeriod.class) String period, boolean soft) {
        static PlanFeatureView of(Feature f, Allowance a) {
            return new PlanFeatureView(f.type().wire(), f.unit(), a.enabled(), f.type() == FeatureType.BOOLEAN ? null : a.limit(),
                    a.period().wire(), a.soft());
        }
    }

    @Dto
    @Schema(name = "Plan")
    record PlanView(@Schema(implementation = WireEnums.Tier.class) String tier, String name,
                    @Schema(description = "Every feature of the catalog; enabled false when the plan does not include it")
                    Map<String, PlanFeatureView> features) {
        static PlanView of(PlanCatalog catalog, Plan p) {
            Map<String, PlanFeatureView> features = new LinkedHashMap<>();
            for (Feature f : catalog.features().values()) {
                features.put(f.key(), PlanFeatureView.of(f, p.allowance(f.key()).orElse(Allowance.off())));
            }
            return new PlanView(p.tier(), p.name(), features);
        }
    }

    @Dto
    @Schema(name = "PlanList")
    record PlanList(List<PlanView> data, Dtos.ListMeta meta, Dtos.ListLinks links) {
    }

    @Dto
    @Schema(name = "ChangePlanRequest")
    record ChangePlanRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = WireEnums.Tier.class) String tier) {
    }

    @Dto
    @Schema(name = "OrganizationPlan")
    record OrganizationPlanView(String organizationId, String tier,
                                @Schema(format = "date-time", description = "The anchor of reset periods") String subscriptionStartedAt) {
        static OrganizationPlanView of(Organization o) {
            return new OrganizationPlanView(o.id().text(), o.tier(), time(o.createdAt()));
        }
    }

    @Dto
    @Schema(name = "OrganizationPlanResponse")
    record OrganizationPlanData(OrganizationPlanView data) {
    }

    @Dto
    @Schema(name = "OverrideEntitlementRequest")
    record OverrideEntitlementRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, oneOf = {Long.class, String.class, Boolean.class},
                    description = "A whole number, \"unlimited\", or true/false for a boolean feature") Object limit,
            @Schema(description = "Counters only; default the feature's", implementation = WireEnums.UsagePeriod.class)
            String period,
            @Schema(description = "Allow overage (reported); default false") Boolean soft) {
    }

    @Dto
    @Schema(name = "Entitlement")
    record EntitlementView(String organizationId, String feature, String tier, boolean enabled,
                           @Schema(types = {"integer", "null"}) Long limit, String period, boolean soft, boolean overridden) {
        static EntitlementView of(Organization org, Entitlements.Resolved r) {
            return new EntitlementView(org.id().text(), r.feature().key(), r.tier(), r.allowance().enabled(),
                    r.allowance().limit(), r.allowance().period().wire(), r.allowance().soft(), r.overridden());
        }
    }

    @Dto
    @Schema(name = "EntitlementResponse")
    record EntitlementData(EntitlementView data) {
    }

    @Dto
    @Schema(name = "EntitlementCheck")
    record CheckView(boolean allowed, String feature, long currentUsage,
                     @Schema(types = {"integer", "null"}, description = "null: unlimited") Long limit,
                     @Schema(types = {"integer", "null"}) Long available,
                     @Schema(types = {"string", "null"}, format = "date-time", description = "When the period resets; null if it never does")
                     String resetAt,
                     boolean soft,
                     @Schema(description = "How far past a soft limit this quantity would go") long overage,
                     @JsonInclude(JsonInclude.Include.NON_NULL)
                     @Schema(implementation = WireEnums.EntitlementRefusal.class) String reason,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String message,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String upgradeUrl) {
        static CheckView of(Entitlements.Decision d) {
            return new CheckView(d.allowed(), d.feature(), d.currentUsage(), d.limit(), d.available(), time(d.resetAt()), d.soft(),
                    d.overage(), d.reason() == null ? null : d.reason().name(), d.message(), d.upgradeUrl());
        }
    }

    @Dto
    @Schema(name = "EntitlementCheckResponse")
    record CheckData(@com.fasterxml.jackson.annotation.JsonUnwrapped @Schema(hidden = true) CheckView result, CheckView data) {
        /** The answer at the top level (seed 001) and in {@code data} (the envelope): ADR 32. */
        CheckData(CheckView data) {
            this(data, data);
        }
    }

    @Dto
    @Schema(name = "RecordUsageRequest")
    record RecordUsageRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String feature,
                              @Schema(description = "Default 1; negative releases a gauge") Number quantity,
                              @Schema(description = "Stored with the usage record") Map<String, Object> metadata,
                              @Schema(description = "Required for a user session; implied for an API key") String organizationId) {
    }

    @Dto
    @Schema(name = "UsageRecorded")
    record UsageView(boolean recorded, String feature, long currentUsage, @Schema(types = {"integer", "null"}) Long limit,
                     @Schema(types = {"integer", "null"}) Long available, @Schema(types = {"string", "null"}, format = "date-time") String resetAt,
                     boolean soft, @Schema(description = "Usage past a soft limit") long overage) {
        static UsageView of(Entitlements.Decision d) {
            return new UsageView(true, d.feature(), d.currentUsage(), d.limit(), d.available(), time(d.resetAt()), d.soft(),
                    d.overage());
        }
    }

    @Dto
    @Schema(name = "UsageRecordedResponse")
    record UsageData(@com.fasterxml.jackson.annotation.JsonUnwrapped @Schema(hidden = true) UsageView result, UsageView data) {
        /** The answer at the top level (seed 001) and in {@code data} (the envelope): ADR 32. */
        UsageData(UsageView data) {
            this(data, data);
        }
    }

    @Dto
    @Schema(name = "EntitlementUsage")
    record SummaryItemView(@Schema(description = "One of: gauge, counter, boolean.") String type, boolean enabled, long used,
                           @Schema(types = {"integer", "null"}) Long limit, @Schema(types = {"integer", "null"}) Long available,
                           @Schema(types = {"number", "null"}, description = "used / limit in percent, 2 decimals") BigDecimal percentage,
                           @Schema(types = {"string", "null"}, format = "date-time") String resetAt, String unit, String period, boolean soft,
                           boolean overridden) {
        static SummaryItemView of(SummarizeEntitlements.Item i) {
            return new SummaryItemView(i.feature().type().wire(), i.enabled(), i.used(), i.limit(), i.available(), i.percentage(),
                    time(i.resetAt()), i.feature().unit(), i.period().wire(), i.soft(), i.overridden());
        }
    }

    @Dto
    @Schema(name = "EntitlementSummary")
    record SummaryView(String organizationId, @Schema(description = "The same as organization_id (seed 001)") String workspaceId,
                       String tier, @Schema(format = "date-time") String subscriptionStartedAt,
                       Map<String, SummaryItemView> entitlements) {
        static SummaryView of(SummarizeEntitlements.Summary s) {
            Map<String, SummaryItemView> items = new LinkedHashMap<>();
            s.items().forEach(i -> items.put(i.feature().key(), SummaryItemView.of(i)));
            return new SummaryView(s.organization().id().text(), s.organization().id().text(), s.organization().tier(), time(s.organization().createdAt()), items);
        }
    }

    @Dto
    @Schema(name = "EntitlementSummaryResponse")
    record SummaryData(SummaryView data) {
    }
}
