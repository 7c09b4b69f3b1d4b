package dev.gatehouse.core.contract;

import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.shared.InvitationId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.SortOrder;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Invitation;
import dev.gatehouse.core.tenancy.InvitationToken;
import dev.gatehouse.core.tenancy.Invitations;
import dev.gatehouse.core.tenancy.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.gatehouse.core.contract.Fixtures.at;
import static dev.gatehouse.core.contract.Fixtures.idAt;
import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every {@link Invitations} implementation shows; {@link #organization()} makes an existing one. */
public abstract class InvitationsContract extends TenantScopedContract {

    protected abstract Invitations invitations();

    private Invitations store;
    private OrganizationId org;

    @BeforeEach
    void freshStore() {
        store = invitations();
        org = organization();
    }

    private Invitation invitation(OrganizationId org, String email, String token, Instant created, Duration validity) {
        Instant t = created.truncatedTo(ChronoUnit.MICROS);
        return Invitation.create(new InvitationId(idAt(t)), org, new Email(email), Role.MEMBER, InvitationToken.hash(token),
                null, t, validity);
    }

    @Test
    void storesAndFindsByIdWithinItsOrganizationAndByTokenHash() {
        Invitation inv = invitation(org, "ada@example.com", "t1", at(0), Duration.ofDays(7));
        store.add(inv);
        assertThat(store.byId(org, inv.id())).contains(inv);
        assertThat(store.byId(organization(), inv.id())).isEmpty();
        assertThat(store.byTokenHash(InvitationToken.hash("t1"))).contains(inv);
        assertThat(store.byTokenHash(InvitationToken.hash("t2"))).isEmpty();
    }

    @Test
    void keepsEveryStateAcrossUpdates() {
        UserId ada = user("ada@example.com");
        Invitation inv = invitation(org, "ada@example.com", "t1", at(0), Duration.ofDays(7));
        store.add(inv);
        Invitation reissued = inv.reissue(InvitationToken.hash("t2"), at(10)).value();
        store.update(reissued);
        assertThat(store.byTokenHash(InvitationToken.hash("t1"))).isEmpty();
        assertThat(store.byTokenHash(InvitationToken.hash("t2"))).contains(reissued);
        Invitation accepted = reissued.accept(ada, at(20)).value();
        store.update(accepted);
        assertThat(store.byId(org, inv.id())).contains(accepted);
        Invitation other = invitation(org, "bob@example.com", "t3", at(1), Duration.ofDays(7));
        store.add(other);
        Invitation revoked = other.revoke(at(30)).value();
        store.update(revoked);
        assertThat(store.byId(org, other.id())).contains(revoked);
    }

    @Test
    void listsFilteredByStatusAtAnInstantAndSearchedByEmail() {
        UserId ada = user("ada@example.com");
        Invitation pending = invitation(org, "pending@example.com", "p", at(0), Duration.ofDays(7));
        Invitation expired = invitation(org, "expired@example.com", "e", at(10), Duration.ofSeconds(60));
        Invitation accepted = invitation(org, "ada@example.com", "a", at(20), Duration.ofDays(7));
        Invitation revoked = invitation(org, "revoked@example.com", "r", at(30), Duration.ofDays(7));
        store.add(pending);
        store.add(expired);
        store.add(accepted);
        store.add(revoked);
        store.add(invitation(organization(), "elsewhere@example.com", "x", at(40), Duration.ofDays(7)));
        store.update(accepted.accept(ada, at(40)).value());
        store.update(revoked.revoke(at(40)).value());
        Instant now = at(3600);
        assertThat(store.list(org, ListQuery.firstPage(), now).items()).extracting(i -> i.email().value())
                .containsExactly("revoked@example.com", "ada@example.com", "expired@example.com", "pending@example.com");
        for (String status : List.of("pending", "expired", "accepted", "revoked")) {
            var page = store.list(org, new ListQuery(PageRequest.first(), null, null, null, null, null, status), now);
            assertThat(page.items()).as(status).hasSize(1);
            assertThat(page.items().get(0).status(now)).isEqualTo(status);
        }
        assertThat(store.list(org, new ListQuery(PageRequest.first(), null, null, null, null, "EXPIRED@", null), now).items())
                .extracting(i -> i.email().value()).containsExactly("expired@example.com");
        assertThat(store.list(org, ListQuery.of(new PageRequest(1, 25, List.of(new SortOrder("email", false)))), now).items())
                .extracting(i -> i.email().value()).first().isEqualTo("ada@example.com");
    }
}
