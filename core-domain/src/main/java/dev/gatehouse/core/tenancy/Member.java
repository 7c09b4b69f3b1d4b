package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.identity.Users;

import java.util.Objects;

/** A membership with the user's email and name, as member lists show it (both null if the user is gone). */
public record Member(Membership membership, String email, String name) {
    public Member {
        Objects.requireNonNull(membership, "membership");
    }

    static Member of(Membership m, User user) {
        return new Member(m, user == null ? null : user.email().value(), user == null ? null : user.name());
    }

    static Member load(Users users, Membership m) {
        return of(m, users.byId(m.userId()).orElse(null));
    }
}
