package dev.gatehouse.core;

import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.audit.ListAuditEvents;
import dev.gatehouse.core.authorization.CheckPermission;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.LookupResources;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.Schema;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.identity.AuthenticateUser;
import dev.gatehouse.core.identity.CreateUser;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an embedding service does: build a Gatehouse in plain Java (no framework, no container),
 * run use cases, read the result. Uses the real defaults (PBKDF2, SecureIdGenerator, system clock).
 */
class EmbeddingTest {

    @Test
    void runsUseCasesWithoutAnyFramework() {
        Gatehouse gatehouse = Gatehouse.inMemory();

        var created = gatehouse.identity().createUser().handle(new CreateUser.Command(
                Caller.system("embedder"), "ada@example.com", "correct horse battery staple", "Ada", true));
        assertThat(created.isOk()).isTrue();
        assertThat(created.value().id().text()).startsWith("usr_");

        var loggedIn = gatehouse.identity().authenticateUser().handle(new AuthenticateUser.Command(
                new Caller(new Principal.Anonymous(), Origin.none()), "ada@example.com", "correct horse battery staple"));
        assertThat(loggedIn.value().id()).isEqualTo(created.value().id());

        var ada = loggedIn.value();
        var trail = gatehouse.audit().list().handle(new ListAuditEvents.Command(
                new Caller(new Principal.User(ada.id(), ada.email().value(), ada.platformAdmin()), Origin.none()),
                AuditQuery.all(), null, 10));
        assertThat(trail.value().items()).extracting(e -> e.action()).containsExactly("user.logged_in", "user.created");

        var key = gatehouse.tokens().instanceKeys().current().key();
        assertThat(key.algorithm()).isEqualTo(dev.gatehouse.core.tokens.SigningAlgorithm.EDDSA);
        assertThat(gatehouse.tokens().instanceKeys().current().key()).isEqualTo(key);
    }

    @Test
    void checksPermissionsOfTheProductSchemaInPlainJava() {
        Gatehouse gatehouse = Gatehouse.inMemory();
        var acme = new ObjectRef("organization", "acme");
        var web = new ObjectRef("project", "web");
        var written = gatehouse.platform().authorizer().write(List.of(
                RelationshipUpdate.touch(Relationship.of(web, "organization", SubjectRef.of(acme))),
                RelationshipUpdate.touch(Relationship.of(acme, "viewer", SubjectRef.of("user", "ada")))));
        assertThat(written.isOk()).isTrue();

        Caller gate = Caller.system("api-gateway");
        var reads = gatehouse.authorization().checkPermission().handle(new CheckPermission.Command(gate, web, "projects_read",
                SubjectRef.of("user", "ada"), Optional.of(written.value())));
        var writes = gatehouse.authorization().checkPermission().handle(new CheckPermission.Command(gate, web, "projects_write",
                SubjectRef.of("user", "ada")));
        assertThat(reads.value().allowed()).isTrue();
        assertThat(writes.value().permissionship()).isEqualTo(Permissionship.NO_PERMISSION);

        var projects = gatehouse.authorization().lookupResources().handle(new LookupResources.Command(gate, "project", "projects_read",
                SubjectRef.of("user", "ada"), Optional.empty(), 10));
        assertThat(projects.value().items()).containsExactly("web");
    }

    @Test
    void takesTheEmbeddersOwnAuthorizer() {
        var memoryTx = new dev.gatehouse.core.memory.MemoryTransactions();
        var stores = Stores.inMemory(memoryTx, java.time.Clock.systemUTC());
        var schema = Schema.parse("definition user {}\ndefinition door { relation opener: user; }").value();
        var mine = LocalAuthorizer.create(schema, stores.platform().relationships(), memoryTx, java.time.Clock.systemUTC()).value();
        Gatehouse gatehouse = Gatehouse.builder().transactions(memoryTx).stores(stores).authorizer(mine).build();

        assertThat(gatehouse.platform().authorizer()).isSameAs(mine);
        mine.write(List.of(RelationshipUpdate.touch(Relationship.of(new ObjectRef("door", "front"), "opener",
                SubjectRef.of("user", "ada")))));
        var opens = gatehouse.authorization().checkPermission().handle(new CheckPermission.Command(Caller.system("embedder"),
                new ObjectRef("door", "front"), "opener", SubjectRef.of("user", "ada")));
        assertThat(opens.value().allowed()).isTrue();
    }

    @Test
    void refusesHalfSuppliedStores() {
        var memoryTx = new dev.gatehouse.core.memory.MemoryTransactions();
        // stores without the transactions they join
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gatehouse.builder()
                        .stores(Stores.inMemory(memoryTx, java.time.Clock.systemUTC())).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transactions()");
        // the embedder's own transactions without the stores that join them
        dev.gatehouse.core.shared.Transactions foreign = new dev.gatehouse.core.shared.Transactions() {
            @Override
            public <T> T inTransaction(java.util.function.Supplier<T> work) {
                return work.get();
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gatehouse.builder().transactions(foreign).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("supply every store");
    }

    @Test
    void runsAFeatureModuleOverTheEmbeddersOwnStores() {
        var memoryTx = new dev.gatehouse.core.memory.MemoryTransactions();
        var apiKeys = new dev.gatehouse.core.memory.MemoryApiKeys(memoryTx);
        List<String> announced = new java.util.ArrayList<>();
        Gatehouse gatehouse = Gatehouse.builder().transactions(memoryTx).stores(Stores.inMemory(memoryTx, java.time.Clock.systemUTC())
                .withKeys(new dev.gatehouse.core.keys.KeyStores(apiKeys, announced::add))).build();
        Caller setup = new Caller(new Principal.User(new dev.gatehouse.core.shared.UserId(java.util.UUID.randomUUID()),
                "owner@example.com", false), Origin.none()); // organizations are created by users, their owners
        var org = gatehouse.tenancy().createOrganization().handle(new dev.gatehouse.core.tenancy.CreateOrganization.Command(
                setup, "Acme", null, null, null)).value();

        var issued = gatehouse.keys().issueApiKey().handle(new dev.gatehouse.core.keys.IssueApiKey.Command(setup, org.id(),
                null, null, "backend", List.of("projects:read"), null, null)).value();
        assertThat(apiKeys.byId(issued.key().id())).isPresent(); // the embedder's store holds it
        var verified = gatehouse.keys().verifyApiKey().handle(new dev.gatehouse.core.keys.VerifyApiKey.Command(setup,
                issued.secret().reveal(), List.of("projects:read"))).value();
        assertThat(verified.valid()).isTrue();

        gatehouse.keys().revokeApiKey().handle(setup, issued.key().id());
        assertThat(announced).containsExactly(issued.key().hash()); // the embedder's revocation channel heard it
        assertThat(gatehouse.keys().verifyApiKey().handle(new dev.gatehouse.core.keys.VerifyApiKey.Command(setup,
                issued.secret().reveal(), null)).value().code()).isEqualTo(dev.gatehouse.core.keys.VerifyApiKey.Code.REVOKED);
    }
}
