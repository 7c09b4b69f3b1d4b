package dev.gatehouse.postgres;

import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import dev.gatehouse.core.tokens.AccessTokenVerifier;
import dev.gatehouse.core.tokens.JdkTokenSigner;
import dev.gatehouse.core.tokens.KeyOwner;
import dev.gatehouse.core.tokens.KeySealing;
import dev.gatehouse.core.tokens.SigningAlgorithm;
import dev.gatehouse.core.tokens.SigningKey;
import dev.gatehouse.core.tokens.TokenSigner;
import dev.gatehouse.core.tokens.TokenStores;
import dev.gatehouse.postgres.testing.TestDatabase;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V23_1 moves the projects' signing keys into {@code signing_keys} beside the instance's: a database
 * holding keys of both kinds (an instance key from before sealing, a sealed one, a project's retired
 * ES256 key and active EdDSA key) keeps every key with its id, owner, material and dates, and a token
 * signed before the migration verifies against the key read after it.
 */
class SigningKeyMigrationTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private final SecretSealer sealer = SecretSealer.ephemeral();

    private record Row(SigningKeyId id, ProjectId project, SigningAlgorithm algorithm, KeyPair pair, byte[] storedPrivate,
                       Instant createdAt, Instant retiredAt) {
    }

    @Test
    void movesProjectKeysBesideInstanceKeysWithoutLosingAny() throws Exception {
        TestDatabase db = POSTGRES.database();
        Flyway.configure(PostgresStores.class.getClassLoader()).dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations(PostgresStores.MIGRATIONS).target("22").load().migrate();

        UUID org = UUID.randomUUID();
        ProjectId web = new ProjectId(UUID.randomUUID());
        Row legacyInstance = row(null, SigningAlgorithm.EDDSA, false, 0, null);
        Row sealedInstance = row(null, SigningAlgorithm.EDDSA, true, 1, null);
        Row retiredProject = row(web, SigningAlgorithm.ES256, true, 2, T0.plusSeconds(30));
        Row activeProject = row(web, SigningAlgorithm.EDDSA, true, 30, null);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO organizations (id, name, slug, timezone, locale, created_at, updated_at) VALUES ('" + org
                    + "', 'Acme', 'acme', 'UTC', 'en', now(), now())");
            s.execute("INSERT INTO projects (id, organization_id, name, created_at, updated_at) VALUES ('" + web.value() + "', '"
                    + org + "', 'Web', now(), now())");
            for (Row r : List.of(legacyInstance, sealedInstance)) {
                insert(c, "INSERT INTO signing_keys (id, algorithm, public_key, private_key, created_at, retired_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", r.id().value(), r.algorithm().jwsName(), r.pair().getPublic().getEncoded(),
                        r.storedPrivate(), ts(r.createdAt()), ts(r.retiredAt()));
            }
            for (Row r : List.of(retiredProject, activeProject)) {
                insert(c, "INSERT INTO project_signing_keys (id, project_id, algorithm, public_key, private_key_sealed, created_at,"
                        + " retired_at) VALUES (?, ?, ?, ?, ?, ?, ?)", r.id().value(), r.project().value(), r.algorithm().jwsName(),
                        r.pair().getPublic().getEncoded(), r.storedPrivate(), ts(r.createdAt()), ts(r.retiredAt()));
            }
        }
        // a token signed by the project's active key before the migration
        String before = sign(activeProject);

        assertThat(PostgresStores.migrate(db.jdbcUrl(), db.user(), db.password())).isPositive();

        try (ApplicationContext context = AdapterContext.start(db)) {
            var keys = context.getBean(TokenStores.class).signingKeys();
            var tx = context.getBean(dev.gatehouse.core.shared.Transactions.class);
            List<SigningKey> instance = tx.readOnly(() -> keys.of(KeyOwner.instance()));
            List<SigningKey> project = tx.readOnly(() -> keys.of(KeyOwner.project(web)));
            assertThat(instance).extracting(SigningKey::id).containsExactly(legacyInstance.id(), sealedInstance.id());
            assertThat(project).extracting(SigningKey::id).containsExactly(retiredProject.id(), activeProject.id());
            for (Row r : List.of(legacyInstance, sealedInstance, retiredProject, activeProject)) {
                SigningKey k = (r.project() == null ? instance : project).stream().filter(x -> x.id().equals(r.id())).findFirst()
                        .orElseThrow();
                assertThat(k.owner()).isEqualTo(r.project() == null ? KeyOwner.instance() : KeyOwner.project(r.project()));
                assertThat(k.algorithm()).isEqualTo(r.algorithm());
                assertThat(k.publicKey()).isEqualTo(r.pair().getPublic().getEncoded());
                assertThat(k.privateKey()).isEqualTo(r.storedPrivate());
                assertThat(k.createdAt()).isEqualTo(r.createdAt());
                assertThat(k.retiredAt()).isEqualTo(r.retiredAt());
                // every private key still opens (sealed ones are bound to the unchanged id)
                assertThat(new KeySealing(sealer, Clock.systemUTC(), new dev.gatehouse.core.shared.SecureIdGenerator(Clock.systemUTC())).open(k))
                        .hasValueSatisfying(v -> assertThat(v).isEqualTo(r.pair().getPrivate().getEncoded()));
            }
            Clock at = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
            var verifier = AccessTokenVerifier.of(project.stream().map(SigningKey::jwk).toList(), at);
            assertThat(verifier.verify(before).valid()).isTrue();
            // the one-active-key rule holds in the merged table, and instance keys stay out of it
            SigningKey second = new KeySealing(sealer, Clock.systemUTC(), new dev.gatehouse.core.shared.SecureIdGenerator(Clock.systemUTC()))
                    .generate(KeyOwner.project(web), SigningAlgorithm.EDDSA);
            assertThatThrownBy(() -> tx.inTransaction(() -> {
                keys.add(second);
                return null;
            })).isInstanceOf(RuntimeException.class);
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'project_signing_keys'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    private Row row(ProjectId project, SigningAlgorithm algorithm, boolean sealed, long second, Instant retired) {
        KeyPair pair = algorithm.generate();
        SigningKeyId id = new SigningKeyId(UUID.randomUUID());
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        return new Row(id, project, algorithm, pair, sealed ? sealer.seal(pkcs8, id.text()) : pkcs8,
                T0.plusSeconds(second).truncatedTo(ChronoUnit.MICROS), retired);
    }

    private static String sign(Row r) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "key_1");
        claims.put("iat", T0.getEpochSecond());
        claims.put("exp", T0.plusSeconds(900).getEpochSecond());
        return new JdkTokenSigner().sign(new TokenSigner.Key(r.id().text(), r.algorithm(), r.pair().getPrivate().getEncoded()), claims);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static void insert(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
