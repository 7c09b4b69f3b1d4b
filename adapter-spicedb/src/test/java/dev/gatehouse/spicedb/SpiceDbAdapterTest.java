package dev.gatehouse.spicedb;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.RelationshipText;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.ReadinessCheck;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.spicedb.testing.Eventually;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Micronaut factory end to end: configuration keys, a Netty channel to {@link TestSpiceDb} on
 * 127.0.0.1, the schema from {@code classpath:gatehouse.zed} written at start, the readiness bean.
 */
class SpiceDbAdapterTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));
    private TestSpiceDb server;

    @BeforeEach
    void startServer() {
        server = TestSpiceDb.onLoopback(Optional.of(TestSpiceDb.TOKEN), clock);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put("gatehouse.authorizer", "spicedb");
        config.put("gatehouse.spicedb.endpoint", server.target());
        config.put("gatehouse.spicedb.token", TestSpiceDb.TOKEN);
        config.put("gatehouse.spicedb.insecure", true);
        // generous: a loaded machine may take seconds for the schema write; no test here waits for the deadline
        config.put("gatehouse.spicedb.deadline", "60s");
        return config;
    }

    @Test
    void wiresAnAuthorizerOverTheConfiguredEndpointAndWritesTheSchemaAtStart() {
        try (ApplicationContext context = ApplicationContext.run(config())) {
            Authorizer authorizer = context.getBean(Authorizer.class);
            assertThat(server.schemaText()).hasValueSatisfying(s -> assertThat(s).contains("definition organization"));

            Result<?> written = authorizer.write(List.of(RelationshipUpdate.touch(
                    RelationshipText.parse("organization:acme#admin@user:alice").relationship())));
            assertThat(written.isOk()).as("%s", written).isTrue();
            assertThat(authorizer.check(ObjectRef.parse("organization:acme"), "manage", SubjectRef.parse("user:alice"))
                    .value()).isEqualTo(Permissionship.HAS_PERMISSION);
            assertThat(server.authorizationHeaders()).allMatch(("Bearer " + TestSpiceDb.TOKEN)::equals);

            ReadinessCheck readiness = context.getBean(ReadinessCheck.class, Qualifiers.byName("authorization"));
            assertThat(readiness.name()).isEqualTo("authorization");
            // its own 800 ms budget may run out on a loaded machine: up within a generous bound, not at the first try
            Eventually.value("ready", readiness::check, ReadinessCheck.Status::up);
        }
    }

    @Test
    void canLeaveTheSchemaToTheOperator() {
        Map<String, Object> config = config();
        config.put("gatehouse.spicedb.write-schema", false);
        try (ApplicationContext context = ApplicationContext.run(config)) {
            context.getBean(Authorizer.class);
            assertThat(server.schemaText()).isEmpty();
            assertThat(context.getBean(ReadinessCheck.class, Qualifiers.byName("authorization")).check().up()).isFalse();
        }
    }

    @Test
    void usesTlsUnlessToldOtherwiseAndThenFailsClosedAgainstAPlaintextServer() {
        Map<String, Object> config = config();
        config.remove("gatehouse.spicedb.insecure");
        config.put("gatehouse.spicedb.write-schema", false);
        config.put("gatehouse.spicedb.deadline", "2s"); // the call fails either way; no need to wait long for it
        try (ApplicationContext context = ApplicationContext.run(config)) {
            Authorizer authorizer = context.getBean(Authorizer.class);
            Result<Permissionship> r = authorizer.check(ObjectRef.parse("organization:acme"), "manage",
                    SubjectRef.parse("user:alice"));
            assertThat(r.isOk()).isFalse();
            assertThat(context.getBean(ReadinessCheck.class, Qualifiers.byName("authorization")).check().up()).isFalse();
        }
        assertThat(server.authorizationHeaders()).isEmpty();
    }

    @Test
    void failsTheStartWhenTheSchemaCannotBeWritten() {
        Map<String, Object> config = config();
        config.put("gatehouse.spicedb.token", "wrong");
        try (ApplicationContext context = ApplicationContext.run(config)) {
            assertThatThrownBy(() -> context.getBean(Authorizer.class))
                    .isInstanceOf(BeanInstantiationException.class)
                    .hasStackTraceContaining("cannot write the schema to SpiceDB");
        }
    }

    @Test
    void needsAnEndpoint() {
        Map<String, Object> config = config();
        config.remove("gatehouse.spicedb.endpoint");
        try (ApplicationContext context = ApplicationContext.run(config)) {
            assertThatThrownBy(() -> context.getBean(Authorizer.class))
                    .hasStackTraceContaining("gatehouse.spicedb.endpoint is required");
        }
    }

    @Test
    void readsDeadlinesInMicronautsShortFormAndIso8601() {
        assertThat(SpiceDbAdapter.parseDeadline("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(SpiceDbAdapter.parseDeadline("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(SpiceDbAdapter.parseDeadline("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(SpiceDbAdapter.parseDeadline("PT0.25S")).isEqualTo(Duration.ofMillis(250));
        for (String invalid : List.of("", "2", "0s", "-1s", "soon")) {
            assertThatThrownBy(() -> SpiceDbAdapter.parseDeadline(invalid))
                    .as(invalid)
                    .hasMessageContaining("gatehouse.spicedb.deadline");
        }
    }

    @Test
    void isInactiveUnlessTheAuthorizerIsSpiceDb() {
        try (ApplicationContext local = ApplicationContext.run(Map.of("gatehouse.authorizer", "local"));
             ApplicationContext unset = ApplicationContext.run()) {
            assertThat(local.containsBean(Authorizer.class)).isFalse();
            assertThat(unset.containsBean(Authorizer.class)).isFalse();
            assertThat(local.containsBean(ReadinessCheck.class)).isFalse();
        }
    }
}
