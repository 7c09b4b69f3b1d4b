package dev.gatehouse.core.memory;

import dev.gatehouse.core.signup.EmailVerification;
import dev.gatehouse.core.signup.EmailVerifications;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Verification links in memory. */
public final class MemoryEmailVerifications implements EmailVerifications {
    private final MemoryTransactions tx;
    private final Map<String, EmailVerification> byHash = new ConcurrentHashMap<>();

    public MemoryEmailVerifications(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void add(EmailVerification v) {
        tx.write(() -> {
            if (byHash.putIfAbsent(v.tokenHash(), v) != null) {
                throw new IllegalStateException("verification link exists");
            }
        }, () -> byHash.remove(v.tokenHash(), v));
    }

    @Override
    public Optional<EmailVerification> byTokenHash(String tokenHash) {
        return tx.read(() -> Optional.ofNullable(byHash.get(tokenHash)));
    }

    @Override
    public boolean markUsed(String tokenHash, Instant at) {
        return tx.inTransaction(() -> {
            EmailVerification v = byHash.get(tokenHash);
            if (v == null || v.usedAt() != null) {
                return false;
            }
            EmailVerification used = v.used(at);
            tx.write(() -> byHash.replace(tokenHash, v, used), () -> byHash.replace(tokenHash, used, v));
            return true;
        });
    }

    @Override
    public int purgeExpiredBefore(Instant before) {
        return tx.inTransaction(() -> {
            int n = 0;
            for (EmailVerification v : byHash.values()) {
                if (v.expiresAt().isBefore(before)) {
                    tx.write(() -> byHash.remove(v.tokenHash(), v), () -> byHash.put(v.tokenHash(), v));
                    n++;
                }
            }
            return n;
        });
    }
}
