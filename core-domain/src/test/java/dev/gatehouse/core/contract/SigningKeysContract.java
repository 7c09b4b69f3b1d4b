package dev.gatehouse.core.contract;

import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.keys.SigningKeys;
import dev.gatehouse.core.shared.SigningKeyId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.gatehouse.core.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every {@link SigningKeys} implementation shows. Each test gets an empty store. */
public abstract class SigningKeysContract {

    protected abstract SigningKeys signingKeys();

    private SigningKeys keys;

    @BeforeEach
    void freshStore() {
        keys = signingKeys();
    }

    private static SigningKey key(long second, boolean retired) {
        return new SigningKey(new SigningKeyId(Fixtures.idAt(at(second))), "EdDSA", new byte[]{1, 2, (byte) second},
                new byte[]{9, 8, (byte) second}, at(second), retired ? at(second + 100) : null);
    }

    @Test
    void storesKeysFaithfullyOldestFirst() {
        SigningKey newer = key(10, false);
        SigningKey older = key(0, true);
        keys.add(newer);
        keys.add(older);
        assertThat(keys.all()).containsExactly(older, newer);
        assertThat(keys.byId(newer.id())).contains(newer);
        assertThat(keys.byId(older.id()).orElseThrow().active()).isFalse();
        assertThat(keys.byId(new SigningKeyId(UUID.randomUUID()))).isEmpty();
    }
}
