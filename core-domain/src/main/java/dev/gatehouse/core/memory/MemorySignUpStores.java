package dev.gatehouse.core.memory;

import dev.gatehouse.core.signup.SignUpStores;

/** The sign-up feature's stores in memory. */
public final class MemorySignUpStores {
    private MemorySignUpStores() {
    }

    public static SignUpStores create(MemoryTransactions tx) {
        return new SignUpStores(new MemoryEmailVerifications(tx));
    }
}
