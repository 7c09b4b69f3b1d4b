package dev.gatehouse.core.sessions;

import dev.gatehouse.core.identity.PasswordHasher;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.tenancy.AcceptInvitation;
import dev.gatehouse.core.tenancy.Invitations;
import dev.gatehouse.core.tenancy.Memberships;
import dev.gatehouse.core.tenancy.Onboarding;
import dev.gatehouse.core.tenancy.Organizations;

/**
 * The sessions feature: users' sessions and the sign-up by invitation that starts one, wired once by
 * {@link #wire}. It sits above identity and tenancy (a user's overview lists their organizations; the
 * sign-up accepts an invitation), which is why it is not part of {@code identity.IdentityUseCases}.
 * The HTTP adapter's session, login and sign-up routes inject this record (or its
 * {@link UserSessions}); an embedder reaches it as {@code gatehouse.sessions()}.
 *
 * @param sessions   start, check, end, list and revoke sessions, a user's overview, the purge of ended sessions, and
 *                   the sessions' part of the lifecycle cascade ({@link UserSessions#cascade()})
 * @param onboarding sign-up by invitation: the account is created and the invitation accepted in one transaction
 */
public record SessionUseCases(UserSessions sessions, Onboarding onboarding) {

    /**
     * @param users                      whose sessions (read only)
     * @param memberships, organizations a user's organizations, for the overview (read only)
     * @param invitations, accept        the invitation a sign-up accepts
     * @param hasher                     hashes the new account's password
     */
    public static SessionUseCases wire(SessionStores stores, Platform platform, Users users, Memberships memberships,
                                       Organizations organizations, Invitations invitations, AcceptInvitation accept,
                                       PasswordHasher hasher) {
        return new SessionUseCases(
                UserSessions.wire(stores, users, memberships, organizations, platform.auditor(), platform.events(),
                        platform.transactions(), platform.clock(), platform.ids()),
                Onboarding.wire(invitations, users, hasher, accept, platform.auditor(), platform.events(),
                        platform.transactions(), platform.clock(), platform.ids()));
    }
}
