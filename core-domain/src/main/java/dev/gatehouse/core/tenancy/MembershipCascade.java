package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.Quota;
import dev.gatehouse.core.lifecycle.Cascade;
import dev.gatehouse.core.lifecycle.Dependent;
import dev.gatehouse.core.lifecycle.Ending;
import dev.gatehouse.core.lifecycle.Scope;
import dev.gatehouse.core.shared.Result;

/**
 * The memberships' part of a lifecycle cascade (ADR 0018): a deactivated user leaves every organization
 * as if removed from each (reason {@code user_deactivated}): the membership and its role relationship go,
 * the seat ({@code members}) is given back, {@code member.removed} is recorded, and the cascade runs
 * beneath that membership (role assignments, grants, pending requests). The last-owner rule does not
 * hold a deactivation back: cutting off a compromised or departed account comes first; a platform admin
 * can give the organization a new owner.
 */
public record MembershipCascade(Memberships memberships, Quota entitlements, MembershipGrants grants, Cascade cascade) implements Dependent {
    @Override
    public void end(Ending ending) {
        if (ending.scope() instanceof Scope.User u) {
            for (Membership m : memberships.ofUser(u.user())) {
                Cascade.orRefuse(end(ending.beneath(new Scope.Member(m.organizationId(), u.user())), m));
            }
        }
    }

    /** Removes one membership and runs the cascade beneath it, in the caller's transaction. */
    Result<Membership> end(Ending ending, Membership m) {
        memberships.remove(m);
        entitlements.release(m.organizationId(), Quota.MEMBERS, 1);
        var beneath = cascade.run(ending);
        if (!beneath.isOk()) {
            return Result.fail(beneath.failure());
        }
        return grants.removed(ending.caller(), m, ending.cause().wire());
    }
}
