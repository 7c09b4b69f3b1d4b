package dev.gatehouse.core.lifecycle;

import dev.gatehouse.core.FastHasher;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.keys.ApiKeyStatus;
import dev.gatehouse.core.keys.IssueApiKey;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.CreateOrganization;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The cascade as a whole: all or nothing, and what an embedder's part sees. */
class CascadeTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final AtomicBoolean refuse = new AtomicBoolean();
    private final List<Ending> seen = new ArrayList<>();
    private final Gatehouse g = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher())
            .lifecycleDependent(new Dependent() {
                @Override
                public void end(Ending ending) {
                    if (refuse.get()) {
                        throw new Cascade.Refused(Failure.of(Reason.UNAVAILABLE, "the authorization system is unavailable"));
                    }
                    seen.add(ending);
                }
            }).build();
    private final Caller admin = new Caller(new Principal.User(new UserId(UUID.randomUUID()), "root@example.com", true),
            new Origin("203.0.113.1", "junit", "req-1", null, null));

    @Test
    void aRefusingPartRollsTheWholeEndingBackAndItsFailureIsTheAnswer() {
        var org = g.tenancy().createOrganization().handle(new CreateOrganization.Command(admin, "Acme", null, null, null)).value();
        var issued = g.keys().issueApiKey().handle(new IssueApiKey.Command(admin, org.id(), null, null, "backend",
                List.of("projects:read"), null, null)).value();
        String secret = issued.secret().reveal();
        assertThat(g.keys().authenticateApiKey().handle(secret)).isPresent();

        refuse.set(true);
        var failed = g.tenancy().deleteOrganization().handle(admin, org.id());
        assertThat(failed.failure().reason()).isEqualTo(Reason.UNAVAILABLE);
        // nothing half-stopped: the organization is there, its key active and working
        assertThat(g.stores().tenancy().organizations().byId(org.id())).isPresent();
        assertThat(g.stores().keys().apiKeys().byId(issued.key().id()).orElseThrow().status()).isEqualTo(ApiKeyStatus.ACTIVE);
        assertThat(g.keys().authenticateApiKey().handle(secret)).isPresent();

        refuse.set(false);
        assertThat(g.tenancy().deleteOrganization().handle(admin, org.id()).isOk()).isTrue();
        var key = g.stores().keys().apiKeys().byId(issued.key().id()).orElseThrow();
        assertThat(key.status()).isEqualTo(ApiKeyStatus.REVOKED);
        assertThat(key.revokedReason()).isEqualTo("organization_deleted");
        assertThat(g.keys().authenticateApiKey().handle(secret)).isEmpty();
        assertThat(seen).containsExactly(new Ending(admin, new Scope.Organization(org.id()), Cause.ORGANIZATION_DELETED,
                clock.instant()));
    }
}
