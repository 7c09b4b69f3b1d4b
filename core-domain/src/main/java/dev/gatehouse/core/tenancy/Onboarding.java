package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.identity.PasswordHasher;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Transactions;

import java.time.Clock;

/**
 * How people without an account join: by an invitation to their email ({@link SignUpWithInvitation}).
 * Wired by {@link #wire} over the tenancy stores and the Gatehouse's {@link AcceptInvitation}.
 */
public record Onboarding(SignUpWithInvitation withInvitation) {
    public static Onboarding wire(Invitations invitations, Users users, PasswordHasher hasher, AcceptInvitation accept, Auditor auditor,
                                  Events events, Transactions tx, Clock clock, IdGenerator ids) {
        return new Onboarding(new SignUpWithInvitation(invitations, users, hasher, accept, auditor, events, tx, clock, ids));
    }
}
