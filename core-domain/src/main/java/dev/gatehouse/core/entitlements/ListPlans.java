package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

/** The plan catalog, for any authenticated caller. */
public record ListPlans(Entitlements entitlements) {
    public Result<PlanCatalog> handle(Caller caller) {
        if (caller.principal() instanceof Principal.Anonymous) {
            return Result.fail(Failure.of(Reason.UNAUTHENTICATED, "Authentication is required."));
        }
        return Result.ok(entitlements.catalog());
    }
}
