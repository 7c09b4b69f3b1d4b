package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.FastHasher;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.contract.RecordingMailer;
import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.identity.CreateUser;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TenancyTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final RecordingMailer mailer = new RecordingMailer();
    private Gatehouse g;
    private Caller ada;
    private User adaUser;
    private Organization acme;

    @BeforeEach
    void setUp() {
        g = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).mailer(mailer)
                .settings(dev.gatehouse.core.Settings.defaults().withInvitationLinks(new InvitationLinks("https://app.example.com/join/"))).build();
        adaUser = user("ada@example.com");
        ada = caller(adaUser);
        acme = g.tenancy().createOrganization().handle(new CreateOrganization.Command(ada, "Acme Corp", null, null, null)).value();
    }

    private User user(String email) {
        return g.identity().createUser().handle(new CreateUser.Command(Caller.system("test"), email, "a-long-password", email, false)).value();
    }

    private static Caller caller(User u) {
        return new Caller(new Principal.User(u.id(), u.email().value(), false), Origin.none());
    }

    private Caller member(String email, Role role) {
        User u = user(email);
        clock.advance(Duration.ofSeconds(1));
        g.tenancy().addMember().handle(new AddMember.Command(ada, acme.id(), null, email, role.relation())).value();
        return caller(u);
    }

    private boolean can(Caller c, String permission) {
        var who = (Principal.User) c.principal();
        return g.platform().authorizer().check(OrganizationGuard.ref(acme.id()), permission, SubjectRef.of("user", who.userId().text()))
                .value() == Permissionship.HAS_PERMISSION;
    }

    private AuditEvent audit(String action) {
        return g.stores().platform().auditLog().find(new AuditQuery(null, null, action, null, null, null, null), null, 1).items().get(0);
    }

    private List<String> eventTypes() {
        return g.stores().platform().eventOutbox().after(null, 100).stream().map(DomainEvent::type).toList();
    }

    private static void assertFails(Result<?> r, Reason reason) {
        assertThat(r.isOk()).as("expected %s", reason).isFalse();
        assertThat(r.failure().reason()).isEqualTo(reason);
    }

    @Nested
    class Organizations {
        @Test
        void theCreatorBecomesOwnerAndTheSlugComesFromTheName() {
            assertThat(acme.slug().value()).isEqualTo("acme-corp");
            assertThat(acme.tier()).isEqualTo("free");
            assertThat(acme.settings()).isEqualTo(OrganizationSettings.DEFAULTS);
            assertThat(can(ada, "owners_write")).isTrue();
            assertThat(g.stores().tenancy().memberships().byUser(acme.id(), adaUser.id()).orElseThrow().role()).isEqualTo(Role.OWNER);
            AuditEvent audit = audit("organization.created");
            assertThat(audit.organizationId()).isEqualTo(acme.id());
            assertThat(eventTypes()).contains("organization.created");
        }

        @Test
        void aGivenSlugThatIsTakenIsAConflictButADerivedOneGetsASuffix() {
            var clash = g.tenancy().createOrganization().handle(new CreateOrganization.Command(ada, "Other", "acme-corp", null, null));
            assertFails(clash, Reason.CONFLICT);
            var derived = g.tenancy().createOrganization().handle(new CreateOrganization.Command(ada, "ACME corp!", null, null, null)).value();
            assertThat(derived.slug().value()).startsWith("acme-corp-").hasSize("acme-corp-".length() + 6);
        }

        @Test
        void validatesNameSlugTimezoneAndLocale() {
            var r = g.tenancy().createOrganization().handle(new CreateOrganization.Command(ada, " ", "Bad_Slug", "Mars/Olympus", "not a locale!"));
            assertFails(r, Reason.VALIDATION);
            assertThat(r.failure().fieldErrors()).containsKeys("name", "slug", "settings.timezone", "settings.locale");
            var ok = g.tenancy().createOrganization().handle(new CreateOrganization.Command(ada, "Zed", null, "Europe/London", "en_GB")).value();
            assertThat(ok.settings()).isEqualTo(new OrganizationSettings("Europe/London", "en-GB"));
        }

        @Test
        void listsOnlyTheCallersOrganizationsButAllForPlatformAdmins() {
            User bob = user("bob@example.com");
            g.tenancy().createOrganization().handle(new CreateOrganization.Command(caller(bob), "Bob's", null, null, null)).value();
            assertThat(g.tenancy().listOrganizations().handle(ada, ListQuery.firstPage()).value().items())
                    .extracting(Organization::id).containsExactly(acme.id());
            assertThat(g.tenancy().listOrganizations().handle(Caller.system("admin"), ListQuery.firstPage()).value().total()).isEqualTo(2);
        }

        @Test
        void readsForMembersOnlyAndUpdatesForAdminsOnly() {
            Caller viewer = member("vic@example.com", Role.VIEWER);
            Caller outsider = caller(user("out@example.com"));
            assertThat(g.tenancy().getOrganization().handle(viewer, acme.id()).isOk()).isTrue();
            assertFails(g.tenancy().getOrganization().handle(outsider, acme.id()), Reason.NOT_FOUND);
            assertFails(g.tenancy().updateOrganization().handle(new UpdateOrganization.Command(viewer, acme.id(), "X", null, null, null)),
                    Reason.FORBIDDEN);
            assertFails(g.tenancy().updateOrganization().handle(new UpdateOrganization.Command(outsider, acme.id(), "X", null, null, null)),
                    Reason.NOT_FOUND);
            clock.advance(Duration.ofSeconds(5));
            Organization renamed = g.tenancy().updateOrganization().handle(new UpdateOrganization.Command(ada, acme.id(), "Acme Inc",
                    "acme-inc", "Asia/Tokyo", null)).value();
            assertThat(renamed.name()).isEqualTo("Acme Inc");
            assertThat(renamed.slug().value()).isEqualTo("acme-inc");
            assertThat(renamed.settings()).isEqualTo(new OrganizationSettings("Asia/Tokyo", "en"));
            assertThat(renamed.updatedAt()).isAfter(renamed.createdAt());
            AuditEvent audit = audit("organization.updated");
            assertThat(audit.changes()).containsKeys("name", "slug", "settings.timezone").doesNotContainKey("settings.locale");
        }

        @Test
        void deletingEndsEveryMembersAccessAtOnceAndHidesTheOrganization() {
            Caller admin = member("adam@example.com", Role.ADMIN);
            assertFails(g.tenancy().deleteOrganization().handle(admin, acme.id()), Reason.FORBIDDEN);
            assertThat(g.tenancy().deleteOrganization().handle(ada, acme.id()).value().deletedAt()).isNotNull();
            assertThat(can(ada, "organizations_read")).isFalse();
            assertThat(can(admin, "organizations_read")).isFalse();
            assertFails(g.tenancy().getOrganization().handle(ada, acme.id()), Reason.NOT_FOUND);
            assertFails(g.tenancy().getOrganization().handle(Caller.system("admin"), acme.id()), Reason.NOT_FOUND);
            assertThat(g.tenancy().listOrganizations().handle(ada, ListQuery.firstPage()).value().total()).isZero();
            assertThat(eventTypes()).contains("organization.deleted");
        }
    }

    @Nested
    class Members {
        @Test
        void addsByEmailOrIdAndKeepsTheRelationshipInStep() {
            Caller bob = member("bob@example.com", Role.MEMBER);
            assertThat(can(bob, "projects_read")).isTrue();
            assertThat(can(bob, "members_write")).isFalse();
            User carol = user("carol@example.com");
            clock.advance(Duration.ofSeconds(1));
            var added = g.tenancy().addMember().handle(new AddMember.Command(ada, acme.id(), carol.id().text(), null, "admin")).value();
            assertThat(added.email()).isEqualTo("carol@example.com");
            assertThat(can(caller(carol), "members_write")).isTrue();
            var page = g.tenancy().listMembers().handle(bob, acme.id(), ListQuery.firstPage()).value();
            assertThat(page.items()).extracting(m -> m.membership().role()).containsExactly(Role.OWNER, Role.MEMBER, Role.ADMIN);
            assertThat(eventTypes()).contains("member.added");
        }

        @Test
        void refusesCustomRolesUnknownUsersAndDuplicates() {
            member("bob@example.com", Role.MEMBER);
            var custom = g.tenancy().addMember().handle(new AddMember.Command(ada, acme.id(), null, "bob@example.com",
                    "role_01h455vb4pex5vsknk084sn02q"));
            assertFails(custom, Reason.VALIDATION);
            assertThat(custom.failure().fieldErrors().get("role").get(0)).contains("custom roles are given with POST /api/v1/role-assignments");
            assertFails(g.tenancy().addMember().handle(new AddMember.Command(ada, acme.id(), null, "ghost@example.com", "member")),
                    Reason.VALIDATION);
            assertFails(g.tenancy().addMember().handle(new AddMember.Command(ada, acme.id(), null, "bob@example.com", "viewer")),
                    Reason.CONFLICT);
        }

        @Test
        void anAdminCannotGrantOrRevokeOwner() {
            Caller admin = member("adam@example.com", Role.ADMIN);
            User bob = user("bob@example.com");
            var grant = g.tenancy().addMember().handle(new AddMember.Command(admin, acme.id(), null, "bob@example.com", "owner"));
            assertFails(grant, Reason.FORBIDDEN);
            assertThat(grant.failure().details()).containsEntry("required_scope", "owners:write");
            assertFails(g.tenancy().changeMemberRole().handle(new ChangeMemberRole.Command(admin, acme.id(), adaUser.id(), "admin")),
                    Reason.FORBIDDEN);
            assertFails(g.tenancy().removeMember().handle(admin, acme.id(), adaUser.id()), Reason.FORBIDDEN);
            assertThat(g.tenancy().addMember().handle(new AddMember.Command(admin, acme.id(), bob.id().text(), null, "admin")).isOk()).isTrue();
        }

        @Test
        void nobodyRaisesTheirOwnRole() {
            Caller admin = member("adam@example.com", Role.ADMIN);
            User adam = g.stores().identity().users().byEmail(new dev.gatehouse.core.identity.Email("adam@example.com")).orElseThrow();
            var raise = g.tenancy().changeMemberRole().handle(new ChangeMemberRole.Command(admin, acme.id(), adam.id(), "owner"));
            assertFails(raise, Reason.FORBIDDEN);
            assertThat(raise.failure().details()).containsEntry("rule", "self_promotion");
            var lower = g.tenancy().changeMemberRole().handle(new ChangeMemberRole.Command(admin, acme.id(), adam.id(), "viewer")).value();
            assertThat(lower.membership().role()).isEqualTo(Role.VIEWER);
            assertThat(can(admin, "members_write")).isFalse();
            assertThat(can(admin, "members_read")).isTrue();
        }

        @Test
        void theLastOwnerCanBeNeitherDemotedNorRemoved() {
            var demote = g.tenancy().changeMemberRole().handle(new ChangeMemberRole.Command(ada, acme.id(), adaUser.id(), "admin"));
            assertFails(demote, Reason.CONFLICT);
            assertThat(demote.failure().message()).contains("at least one owner");
            assertFails(g.tenancy().removeMember().handle(ada, acme.id(), adaUser.id()), Reason.CONFLICT);
            User bob = user("bob@example.com");
            g.tenancy().addMember().handle(new AddMember.Command(ada, acme.id(), bob.id().text(), null, "owner")).value();
            assertThat(g.tenancy().changeMemberRole().handle(new ChangeMemberRole.Command(ada, acme.id(), adaUser.id(), "admin")).isOk()).isTrue();
            assertFails(g.tenancy().removeMember().handle(caller(bob), acme.id(), bob.id()), Reason.CONFLICT);
        }

        @Test
        void removingEndsAccessAtOnce() {
            Caller bob = member("bob@example.com", Role.ADMIN);
            User bobUser = g.stores().identity().users().byEmail(new dev.gatehouse.core.identity.Email("bob@example.com")).orElseThrow();
            assertThat(g.tenancy().removeMember().handle(ada, acme.id(), bobUser.id()).isOk()).isTrue();
            assertThat(can(bob, "organizations_read")).isFalse();
            assertFails(g.tenancy().getOrganization().handle(bob, acme.id()), Reason.NOT_FOUND);
            assertFails(g.tenancy().removeMember().handle(ada, acme.id(), bobUser.id()), Reason.NOT_FOUND);
            assertThat(eventTypes()).contains("member.removed");
        }
    }

    @Nested
    class Invitations {
        private IssuedInvitation invite(String email, String role) {
            return g.tenancy().createInvitation().handle(new CreateInvitation.Command(ada, acme.id(), email, role, null)).value();
        }

        @Test
        void returnsTheTokenOnceStoresOnlyItsHashAndMailsTheLink() {
            IssuedInvitation issued = invite("Bob@Example.com", "admin");
            assertThat(issued.token()).hasSize(40).matches("[0-9A-Za-z]+");
            assertThat(issued.acceptUrl()).isEqualTo("https://app.example.com/join/" + issued.token());
            Invitation stored = g.stores().tenancy().invitations().byId(acme.id(), issued.invitation().id()).orElseThrow();
            assertThat(stored.tokenHash()).isEqualTo(InvitationToken.hash(issued.token())).doesNotContain(issued.token());
            assertThat(stored.email().value()).isEqualTo("bob@example.com");
            assertThat(stored.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
            assertThat(mailer.last().to()).isEqualTo("bob@example.com");
            assertThat(mailer.last().body()).contains(issued.acceptUrl());
            assertThat(mailer.last().toString()).doesNotContain(issued.token());
            assertThat(g.stores().platform().eventOutbox().after(null, 100).toString()).doesNotContain(issued.token());
            assertThat(g.stores().platform().auditLog().find(AuditQuery.all(), null, 100).items().toString()).doesNotContain(issued.token());
        }

        @Test
        void theInvitedUserAcceptsAndBecomesAMemberWithTheRole() {
            IssuedInvitation issued = invite("bob@example.com", "admin");
            Caller bob = caller(user("BOB@example.com"));
            Member m = g.tenancy().acceptInvitation().handle(bob, issued.token()).value();
            assertThat(m.membership().role()).isEqualTo(Role.ADMIN);
            assertThat(can(bob, "members_write")).isTrue();
            assertThat(eventTypes()).contains("invitation.created", "invitation.accepted", "member.added");
            var used = g.tenancy().acceptInvitation().handle(bob, issued.token());
            assertFails(used, Reason.INVALID_STATE);
            assertThat(used.failure().message()).contains("already been accepted");
        }

        @Test
        void aSecondPendingInvitationForTheSameEmailIsRefusedUntilTheFirstEnds() {
            IssuedInvitation first = invite("bob@example.com", "member");
            var again = g.tenancy().createInvitation().handle(new CreateInvitation.Command(ada, acme.id(), "BOB@example.com", "admin", null));
            assertFails(again, Reason.CONFLICT);
            assertThat(again.failure().details()).containsEntry("invitation_id", first.invitation().id().text());
            g.tenancy().revokeInvitation().handle(ada, acme.id(), first.invitation().id()).value();
            assertThat(g.tenancy().createInvitation().handle(new CreateInvitation.Command(ada, acme.id(), "bob@example.com", "admin", null))
                    .isOk()).isTrue();
        }

        @Test
        void anExpiredInvitationDoesNotBlockANewOne() {
            g.tenancy().createInvitation().handle(new CreateInvitation.Command(ada, acme.id(), "bob@example.com", "member", 1)).value();
            clock.advance(Duration.ofDays(2));
            assertThat(g.tenancy().createInvitation().handle(new CreateInvitation.Command(ada, acme.id(), "bob@example.com", "member", null))
                    .isOk()).isTrue();
        }

        @Test
        void anotherUserCannotAcceptAndAnUnknownTokenIsNotFound() {
            IssuedInvitation issued = invite("bob@example.com", "member");
            assertFails(g.tenancy().acceptInvitation().handle(caller(user("eve@example.com")), issued.token()), Reason.FORBIDDEN);
            assertFails(g.tenancy().acceptInvitation().handle(caller(user("bob@example.com")), "x".repeat(40)), Reason.NOT_FOUND);
        }

        @Test
        void expiredAndRevokedInvitationsCannotBeAccepted() {
            IssuedInvitation shortLived = g.tenancy().createInvitation().handle(
                    new CreateInvitation.Command(ada, acme.id(), "bob@example.com", "member", 1)).value();
            IssuedInvitation revoked = invite("carol@example.com", "member");
            g.tenancy().revokeInvitation().handle(ada, acme.id(), revoked.invitation().id()).value();
            clock.advance(Duration.ofDays(2));
            var expired = g.tenancy().acceptInvitation().handle(caller(user("bob@example.com")), shortLived.token());
            assertFails(expired, Reason.INVALID_STATE);
            assertThat(expired.failure().message()).contains("expired");
            var gone = g.tenancy().acceptInvitation().handle(caller(user("carol@example.com")), revoked.token());
            assertFails(gone, Reason.INVALID_STATE);
            assertThat(gone.failure().message()).contains("revoked");
            assertFails(g.tenancy().revokeInvitation().handle(ada, acme.id(), revoked.invitation().id()), Reason.INVALID_STATE);
        }

        @Test
        void resendingIssuesANewTokenAndKillsTheOldOne() {
            IssuedInvitation first = g.tenancy().createInvitation().handle(
                    new CreateInvitation.Command(ada, acme.id(), "bob@example.com", "viewer", 3)).value();
            clock.advance(Duration.ofDays(5));
            IssuedInvitation second = g.tenancy().resendInvitation().handle(ada, acme.id(), first.invitation().id()).value();
            assertThat(second.token()).isNotEqualTo(first.token());
            assertThat(second.invitation().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(3)));
            assertThat(mailer.sent()).hasSize(2);
            Caller bob = caller(user("bob@example.com"));
            assertFails(g.tenancy().acceptInvitation().handle(bob, first.token()), Reason.NOT_FOUND);
            assertThat(g.tenancy().acceptInvitation().handle(bob, second.token()).isOk()).isTrue();
        }

        @Test
        void followsTheRulesOfAddingMembers() {
            Caller admin = member("adam@example.com", Role.ADMIN);
            Caller viewer = member("vic@example.com", Role.VIEWER);
            assertFails(g.tenancy().createInvitation().handle(new CreateInvitation.Command(admin, acme.id(), "x@example.com", "owner", null)),
                    Reason.FORBIDDEN);
            assertFails(g.tenancy().createInvitation().handle(new CreateInvitation.Command(viewer, acme.id(), "x@example.com", "member", null)),
                    Reason.FORBIDDEN);
            var tooLong = g.tenancy().createInvitation().handle(new CreateInvitation.Command(ada, acme.id(), "x@example.com", "member", 31));
            assertFails(tooLong, Reason.VALIDATION);
            assertThat(tooLong.failure().fieldErrors()).containsKey("expires_in_days");
            assertFails(g.tenancy().createInvitation().handle(new CreateInvitation.Command(ada, acme.id(), "adam@example.com", "member", null)),
                    Reason.CONFLICT);
            assertThat(g.tenancy().listInvitations().handle(viewer, acme.id(), ListQuery.firstPage()).isOk()).isTrue();
        }

        @Test
        void aMailerThatFailsDoesNotUndoTheInvitation() {
            Gatehouse failing = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher())
                    .mailer(m -> {
                        throw new IllegalStateException("smtp down");
                    }).build();
            User owner = failing.identity().createUser().handle(new CreateUser.Command(Caller.system("t"), "o@example.com", "a-long-password", "O", false)).value();
            Caller o = caller(owner);
            OrganizationId org = failing.tenancy().createOrganization().handle(new CreateOrganization.Command(o, "Org", null, null, null)).value().id();
            var issued = failing.tenancy().createInvitation().handle(new CreateInvitation.Command(o, org, "b@example.com", "member", null));
            assertThat(issued.isOk()).isTrue();
            assertThat(failing.tenancy().listInvitations().handle(o, org, ListQuery.firstPage()).value().total()).isEqualTo(1);
        }

        @Test
        void aMailerThatJoinsTheTransactionIsCalledInsideItSoTheInvitationAndItsMailGoTogether() {
            Mailer outbox = new Mailer() {
                @Override
                public void send(Message message) {
                    throw new IllegalStateException("the outbox write failed");
                }

                @Override
                public boolean joinsTransaction() {
                    return true;
                }
            };
            Gatehouse joined = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).mailer(outbox).build();
            User owner = joined.identity().createUser().handle(new CreateUser.Command(Caller.system("t"), "o@example.com", "a-long-password", "O", false)).value();
            Caller o = caller(owner);
            OrganizationId target = joined.tenancy().createOrganization().handle(new CreateOrganization.Command(o, "Org", null, null, null)).value().id();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> joined.tenancy().createInvitation()
                    .handle(new CreateInvitation.Command(o, target, "b@example.com", "member", null)))
                    .hasMessageContaining("outbox write failed");
            assertThat(joined.tenancy().listInvitations().handle(o, target, ListQuery.firstPage()).value().total())
                    .as("rolled back with its mail").isZero();
        }
    }
}
