package dev.gatehouse.core;

import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.audit.ListAuditEvents;
import dev.gatehouse.core.identity.AuthenticateUser;
import dev.gatehouse.core.identity.CreateUser;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an embedding service does: build a Gatehouse in plain Java (no framework, no container),
 * run use cases, read the result. Uses the real defaults (PBKDF2, SecureIdGenerator, system clock).
 */
class EmbeddingTest {

    @Test
    void runsUseCasesWithoutAnyFramework() {
        Gatehouse gatehouse = Gatehouse.inMemory();

        var created = gatehouse.createUser().handle(new CreateUser.Command(
                Caller.system("embedder"), "ada@example.com", "correct horse battery staple", "Ada", true));
        assertThat(created.isOk()).isTrue();
        assertThat(created.value().id().text()).startsWith("usr_");

        var loggedIn = gatehouse.authenticateUser().handle(new AuthenticateUser.Command(
                new Caller(new Principal.Anonymous(), Origin.none()), "ada@example.com", "correct horse battery staple"));
        assertThat(loggedIn.value().id()).isEqualTo(created.value().id());

        var ada = loggedIn.value();
        var trail = gatehouse.listAuditEvents().handle(new ListAuditEvents.Command(
                new Caller(new Principal.User(ada.id(), ada.email().value(), ada.platformAdmin()), Origin.none()),
                AuditQuery.all(), null, 10));
        assertThat(trail.value().items()).extracting(e -> e.action()).containsExactly("user.logged_in", "user.created");

        var key = gatehouse.ensureSigningKey().handle();
        assertThat(key.algorithm()).isEqualTo("EdDSA");
        assertThat(gatehouse.ensureSigningKey().handle()).isEqualTo(key);
    }

    @Test
    void refusesHalfSuppliedStores() {
        var memoryTx = new dev.gatehouse.core.memory.MemoryTransactions();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gatehouse.builder()
                        .users(new dev.gatehouse.core.memory.MemoryUsers(memoryTx)).build())
                .isInstanceOf(IllegalStateException.class);
    }
}
