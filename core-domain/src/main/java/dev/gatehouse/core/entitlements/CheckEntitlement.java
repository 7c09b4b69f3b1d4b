package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;

/**
 * May the organization use {@code quantity} (default 1) more of a feature? ({@code entitlements:read};
 * an API key's organization is implied.) Always an answer, never a refusal: an unknown feature or
 * one outside the plan says so in {@link Entitlements.Decision#reason()}. Counts nothing.
 */
public record CheckEntitlement(Entitlements entitlements, EntitlementAccess access, Transactions tx) {
    public record Command(Caller caller, OrganizationId organization, String feature, Long quantity) {
    }

    public Result<Entitlements.Decision> handle(Command c) {
        if (c.feature() == null || c.feature().isBlank()) {
            return Result.fail(Failure.invalid("feature", "is required"));
        }
        long quantity = c.quantity() == null ? 1 : c.quantity();
        if (quantity < 0 || quantity > RecordUsage.MAX_QUANTITY) {
            return Result.fail(Failure.invalid("quantity", "must be between 0 and " + RecordUsage.MAX_QUANTITY));
        }
        String feature = c.feature().strip();
        return tx.readOnly(() -> access.organizationFor(c.caller(), c.organization(), "entitlements_read")
                .map(org -> entitlements.check(org, feature, quantity)));
    }
}
