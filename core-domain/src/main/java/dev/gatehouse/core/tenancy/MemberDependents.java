package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.Caller;

/**
 * Whatever else a membership carries and must go when the member is removed (role assignments, as
 * those arrive). {@link RemoveMember} calls it inside the removal's transaction.
 */
@FunctionalInterface
public interface MemberDependents {
    MemberDependents NONE = (caller, membership) -> {
    };

    void removed(Caller caller, Membership membership);
}
