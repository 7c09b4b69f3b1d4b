package dev.gatehouse.spicedb;

import dev.gatehouse.core.shared.ReadinessCheck;
import dev.gatehouse.core.shared.Result;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The SpiceDB adapter's only entry point: an {@link dev.gatehouse.core.authorization.Authorizer}
 * over SpiceDB and its readiness check, active when {@code gatehouse.authorizer=spicedb}.
 *
 * <p>Configuration (environment variables in brackets):
 * <ul>
 *   <li>{@code gatehouse.spicedb.endpoint} ({@code GATEHOUSE_SPICEDB_ENDPOINT}): {@code host:port}, required</li>
 *   <li>{@code gatehouse.spicedb.token} ({@code GATEHOUSE_SPICEDB_TOKEN}): preshared key, sent as
 *       {@code authorization: Bearer …}</li>
 *   <li>{@code gatehouse.spicedb.insecure} (default {@code false}): plaintext instead of TLS</li>
 *   <li>{@code gatehouse.spicedb.deadline} (default {@code 2s}): deadline of each call</li>
 *   <li>{@code gatehouse.spicedb.write-schema} (default {@code true}): write {@code classpath:gatehouse.zed}
 *       to SpiceDB at start, when that resource exists</li>
 * </ul>
 * Writing the schema at start fails the start: Gatehouse must not serve against a schema it does
 * not know.
 */
@Factory
@Requires(property = SpiceDbAdapter.AUTHORIZER_PROPERTY, value = SpiceDbAdapter.AUTHORIZER_VALUE)
public class SpiceDbAdapter {
    static final String AUTHORIZER_PROPERTY = "gatehouse.authorizer";
    static final String AUTHORIZER_VALUE = "spicedb";
    static final String SCHEMA_RESOURCE = "gatehouse.zed";

    @Singleton
    @Bean(preDestroy = "close")
    SpiceDbConnection spiceDbConnection(@Value("${gatehouse.spicedb.endpoint:}") String endpoint,
                                        @Value("${gatehouse.spicedb.token:}") String token,
                                        @Value("${gatehouse.spicedb.insecure:false}") boolean insecure) {
        return SpiceDbConnection.open(endpoint, Optional.of(token).filter(t -> !t.isBlank()), insecure);
    }

    /**
     * Named {@code spicedb} so that a decorator (bootstrap's transactional outbox over PostgreSQL) can
     * take it as its target while itself being the primary {@code Authorizer}.
     */
    @Singleton
    @Named("spicedb")
    SpiceDbAuthorizer spiceDbAuthorizer(SpiceDbConnection connection,
                                        @Value("${gatehouse.spicedb.deadline:2s}") String deadlineText,
                                        @Value("${gatehouse.spicedb.write-schema:true}") boolean writeSchema) {
        Duration deadline = parseDeadline(deadlineText);
        Optional<String> schema = writeSchema ? loadSchema(SCHEMA_RESOURCE) : Optional.empty();
        Result<SpiceDbAuthorizer> started = start(connection, deadline, schema);
        if (!started.isOk()) {
            throw new IllegalStateException("cannot write the schema to SpiceDB: " + started.failure().message());
        }
        return started.value();
    }

    @Singleton
    @Named("authorization")
    ReadinessCheck spiceDbReadiness(SpiceDbAuthorizer authorizer) {
        return new SpiceDbReadinessCheck(authorizer);
    }

    /** The authorizer over {@code connection}, after writing {@code schema} to SpiceDB when given. */
    static Result<SpiceDbAuthorizer> start(SpiceDbConnection connection, Duration deadline, Optional<String> schema) {
        SpiceDbAuthorizer authorizer = new SpiceDbAuthorizer(connection.channel(), deadline);
        if (schema.isEmpty()) {
            return Result.ok(authorizer);
        }
        return authorizer.writeSchema(schema.get()).map(written -> authorizer);
    }

    /**
     * {@code 500ms}, {@code 2s}, {@code 1m} or ISO-8601 ({@code PT2S}). Parsed here rather than by
     * Micronaut's converters, which live in a module this adapter does not need.
     */
    static Duration parseDeadline(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).strip()));
            } else if (t.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).strip()));
            } else if (t.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).strip()));
            } else {
                throw new IllegalArgumentException("no unit");
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("not positive");
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("gatehouse.spicedb.deadline must be a positive duration such as 500ms, "
                    + "2s or PT2S, not '" + text + "'", e);
        }
    }

    static Optional<String> loadSchema(String resource) {
        ClassLoader loader = SpiceDbAdapter.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:" + resource, e);
        }
    }
}
