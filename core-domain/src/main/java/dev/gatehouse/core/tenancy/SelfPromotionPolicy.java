package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.UserId;

import java.util.Optional;

/** Nobody raises their own role (nor adds themself to an organization): someone else has to. */
public final class SelfPromotionPolicy {

    /** @param from the target's current role, null when not a member */
    public Optional<Failure> check(Caller caller, UserId target, Role from, Role to) {
        boolean self = caller.principal() instanceof Principal.User u && u.userId().equals(target);
        if (self && (from == null || to.isAbove(from))) {
            return Optional.of(Failure.forbidden("You cannot raise your own role.").withDetail("rule", "self_promotion"));
        }
        return Optional.empty();
    }
}
