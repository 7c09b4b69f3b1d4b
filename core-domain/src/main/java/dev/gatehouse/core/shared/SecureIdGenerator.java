package dev.gatehouse.core.shared;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * UUIDv7 ids (RFC 9562: 48-bit unix milliseconds, then random bits) and {@link SecureRandom} secrets.
 * Each thread draws from its own DRBG (NIST SP 800-90A, seeded by the system): the JDK's default
 * {@code NativePRNG} serializes every caller in the process on one lock, which request threads
 * queued on (ADR 38).
 */
public final class SecureIdGenerator implements IdGenerator {
    private final Clock clock;
    private final ThreadLocal<SecureRandom> random = ThreadLocal.withInitial(SecureIdGenerator::drbg);

    public SecureIdGenerator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public UUID newId() {
        long millis = clock.millis();
        byte[] r = randomBytes(10);
        long hi = (millis << 16) | 0x7000L | ((r[0] & 0x0fL) << 8) | (r[1] & 0xffL);
        long lo = 0x8000000000000000L | ((r[2] & 0x3fL) << 56);
        for (int i = 3; i < 10; i++) {
            lo |= (r[i] & 0xffL) << (8 * (9 - i));
        }
        return new UUID(hi, lo);
    }

    @Override
    public byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.get().nextBytes(bytes);
        return bytes;
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom(); // a JDK without DRBG (all of 9 and later have it)
        }
    }
}
