package dev.gatehouse.http;

import dev.gatehouse.core.identity.Pbkdf2PasswordHasher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Argon2idPasswordHasherTest {
    // Cheap parameters keep the suite fast; the OWASP defaults get one round trip below.
    private final Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(64, 1, 1);

    @Test
    void producesPhcStringsWithOwaspMinimumParametersByDefault() {
        var owasp = new Argon2idPasswordHasher();
        String hash = owasp.hash("correct horse".toCharArray());
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(owasp.verify("correct horse".toCharArray(), hash)).isTrue();
        assertThat(owasp.needsRehash(hash)).isFalse();
    }

    @Test
    void verifiesTheRightPasswordAndRejectsAWrongOne() {
        String hash = hasher.hash("s3cret-password".toCharArray());
        assertThat(hasher.verify("s3cret-password".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("s3cret-passwore".toCharArray(), hash)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same".toCharArray())).isNotEqualTo(hasher.hash("same".toCharArray()));
    }

    @Test
    void matchesTheReferenceImplementation() {
        // echo -n password | argon2 somesalt -id -t 2 -m 16 -p 4 -l 24 (phc-winner-argon2 README)
        String reference = "$argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$GpZ3sK/oH9p7VIiV56G/64Zo/8GaUw434IimaPqxwCo";
        assertThat(hasher.verify("password".toCharArray(), reference)).isTrue();
    }

    @Test
    void needsRehashWhenParametersDiffer() {
        String weaker = hasher.hash("pw".toCharArray());
        assertThat(new Argon2idPasswordHasher().needsRehash(weaker)).isTrue();
        assertThat(hasher.needsRehash(weaker)).isFalse();
    }

    @Test
    void verifiesCorePbkdf2HashesAndAsksToRehashThem() {
        String legacy = new Pbkdf2PasswordHasher().hash("migrated-password".toCharArray());
        assertThat(hasher.verify("migrated-password".toCharArray(), legacy)).isTrue();
        assertThat(hasher.verify("other-password".toCharArray(), legacy)).isFalse();
        assertThat(hasher.needsRehash(legacy)).isTrue();
    }

    @Test
    void rejectsMalformedAndAbusiveEncodingsWithoutThrowing() {
        assertThat(hasher.verify("x".toCharArray(), null)).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "")).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "$argon2id$v=19$m=64,t=1,p=1$!!!$???")).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHQ$c29tZXNhbHRzb21lc2FsdA")).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "$argon2id$v=19$m=99999999,t=1,p=1$c29tZXNhbHQ$c29tZXNhbHRzb21lc2FsdA"))
                .isFalse();
    }
}
