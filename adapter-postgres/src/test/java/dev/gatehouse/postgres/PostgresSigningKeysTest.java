package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.SigningKeysContract;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.projects.Projects;
import dev.gatehouse.core.tokens.KeyOwner;
import dev.gatehouse.core.tokens.SigningKeys;
import dev.gatehouse.core.tokens.TokenStores;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import dev.gatehouse.core.tenancy.projects.Project;
import dev.gatehouse.core.tokens.SigningKey;
import dev.gatehouse.core.tokens.SigningAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link SigningKeys} contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresSigningKeysTest extends SigningKeysContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected SigningKeys signingKeys() {
        return BEANS.fresh(TokenStores.class).signingKeys();
    }

    @Override
    protected Projects projects() {
        return BEANS.bean(dev.gatehouse.core.tenancy.TenancyStores.class).projects();
    }

    @Override
    protected Transactions transactions() {
        return BEANS.bean(Transactions.class);
    }

    @Test
    void theStoredRowHoldsTheSealedPrivateKeyNeverThePkcs8Bytes() throws Exception {
        SigningKeys keys = signingKeys();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Project p = Project.create(new dev.gatehouse.core.shared.ProjectId(UUID.randomUUID()),
                new dev.gatehouse.core.shared.OrganizationId(UUID.randomUUID()), "Sealed", null, now);
        projects().add(p);
        SecretSealer sealer = SecretSealer.ephemeral();
        for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
            KeyPair pair = algorithm.generate();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            SigningKeyId id = new SigningKeyId(UUID.randomUUID());
            keys.add(new SigningKey(id, KeyOwner.project(p.id()), algorithm, pair.getPublic().getEncoded(), sealer.seal(pkcs8, id.text()),
                    now, algorithm == SigningAlgorithm.EDDSA ? now : null));
            try (Connection c = BEANS.database().connect();
                 PreparedStatement ps = c.prepareStatement("SELECT * FROM signing_keys WHERE id = ?")) {
                ps.setObject(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    List<byte[]> columns = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        columns.add(v instanceof byte[] b ? b : String.valueOf(v).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    }
                    byte[] sealedColumn = rs.getBytes("private_key");
                    // neither the PKCS#8 encoding nor its last 32 bytes (the raw private scalar/seed) appear in any column
                    byte[] raw = java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
                    for (byte[] column : columns) {
                        assertThat(Collections.indexOfSubList(list(column), list(pkcs8))).isEqualTo(-1);
                        assertThat(Collections.indexOfSubList(list(column), list(raw))).isEqualTo(-1);
                    }
                    assertThat(sealer.open(sealedColumn, id.text())).hasValueSatisfying(v -> assertThat(v).isEqualTo(pkcs8));
                    assertThat(SecretSealer.ephemeral().open(sealedColumn, id.text())).isEmpty();
                }
            }
        }
    }

    private static List<Byte> list(byte[] bytes) {
        List<Byte> out = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            out.add(b);
        }
        return out;
    }
}
