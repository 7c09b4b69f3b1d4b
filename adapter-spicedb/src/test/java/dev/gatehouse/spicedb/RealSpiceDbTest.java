package dev.gatehouse.spicedb;

import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.Schema;
import dev.gatehouse.core.authorization.TypeDefinition;
import dev.gatehouse.core.contract.AuthorizerContract;
import dev.gatehouse.core.shared.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The shared contract against a real SpiceDB: an opt-in external dependency, so this suite alone
 * runs only when {@code GATEHOUSE_TEST_SPICEDB_ENDPOINT} ({@code host:port}) is set. Optional:
 * {@code GATEHOUSE_TEST_SPICEDB_TOKEN} (the preshared key; without it each test uses a random key,
 * which {@code spicedb serve-testing} answers with an isolated empty datastore) and
 * {@code GATEHOUSE_TEST_SPICEDB_TLS=true} (plaintext otherwise). Each test writes the contract's
 * schema and deletes every relationship of its definitions first, so use a SpiceDB dedicated to
 * tests. It needs relationship expiration ({@code use expiration}, SpiceDB 1.40+). The contract test
 * that moves the clock is skipped here: SpiceDB expires relationships by its datastore's clock.
 *
 * <pre>spicedb serve-testing &amp;  GATEHOUSE_TEST_SPICEDB_ENDPOINT=localhost:50051 ./mvnw -pl adapter-spicedb -am verify</pre>
 */
@EnabledIfEnvironmentVariable(named = RealSpiceDbTest.ENDPOINT, matches = ".+")
class RealSpiceDbTest extends AuthorizerContract {
    static final String ENDPOINT = "GATEHOUSE_TEST_SPICEDB_ENDPOINT";
    static final String TOKEN = "GATEHOUSE_TEST_SPICEDB_TOKEN";
    static final String TLS = "GATEHOUSE_TEST_SPICEDB_TLS";

    private final List<SpiceDbConnection> opened = new ArrayList<>();

    @Override
    protected Authorizer authorizer(String schema) {
        Optional<String> token = Optional.ofNullable(System.getenv(TOKEN)).filter(t -> !t.isBlank())
                .or(() -> Optional.of("gatehouse-test-" + UUID.randomUUID()));
        boolean tls = "true".equalsIgnoreCase(System.getenv(TLS));
        SpiceDbConnection connection = SpiceDbConnection.open(System.getenv(ENDPOINT), token, !tls);
        opened.add(connection);
        Result<SpiceDbAuthorizer> started = SpiceDbAdapter.start(connection, Duration.ofSeconds(5), Optional.of(schema));
        if (!started.isOk()) {
            throw new IllegalStateException("cannot write the contract schema to " + System.getenv(ENDPOINT)
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
