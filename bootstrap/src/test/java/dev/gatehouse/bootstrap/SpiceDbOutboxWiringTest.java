package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.OutboxAuthorizer;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipOutbox;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SpiceDB mode over PostgreSQL, wired as {@code serve} wires it, with SpiceDB unreachable: relationship
 * writes are kept in the outbox (nothing lost), readiness reports the authorizer down, and the lag is
 * a metric. (Relaying to a live SpiceDB is covered in adapter-spicedb's OutboxOverSpiceDbTest.)
 */
class SpiceDbOutboxWiringTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();
    private static EmbeddedServer server;

    @BeforeAll
    static void start() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        var db = POSTGRES.database();
        server = GatehouseServer.start(
                new ServerConfig(Optional.of(new ServerConfig.Database(db.jdbcUrl(), db.user(), db.password())), 0),
                Map.of("gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password",
                        "gatehouse.authorizer", "spicedb",
                        "gatehouse.spicedb.endpoint", "127.0.0.1:" + closedPort,
                        "gatehouse.spicedb.insecure", true,
                        "gatehouse.spicedb.write-schema", false,
                        "gatehouse.spicedb.deadline", "300ms",
                        "gatehouse.outbox.relay-interval", "1h"));
    }

    @AfterAll
    static void stop() {
        server.getApplicationContext().close();
    }

    @Test
    void keepsWritesInTheOutboxWhileSpiceDbIsDown() throws Exception {
        var context = server.getApplicationContext();
        Authorizer authorizer = context.getBean(Gatehouse.class).platform().authorizer();
        assertThat(authorizer).isInstanceOf(OutboxAuthorizer.class);

        var grant = Relationship.of(new ObjectRef("organization", "acme"), "admin", SubjectRef.of("user", "ada"));
        var written = authorizer.write(List.of(RelationshipUpdate.create(grant)));
        assertThat(written.isOk()).as(() -> String.valueOf(written)).isTrue();
        assertThat(written.value().value()).startsWith("outbox:");

        context.getBean(RelationshipRelayJob.class).relayDue();
        var lag = context.getBean(RelationshipOutbox.class).lag(Instant.now());
        assertThat(lag.pending()).as("the change is still waiting, not lost").isEqualTo(1);

        Http http = new Http(server.getURL().toString());
        var ready = http.get("/readyz", null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("authorization");
        assertThat(http.get("/metrics", null).body()).contains("gatehouse_relationship_outbox_pending 1.0");
    }
}
