package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.EmailVerificationsContract;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.signup.EmailVerifications;

import java.util.UUID;

class MemoryEmailVerificationsTest extends EmailVerificationsContract {
    @Override
    protected EmailVerifications verifications() {
        return MemorySignUpStores.create(new MemoryTransactions()).verifications();
    }

    @Override
    protected UserId user(String email) {
        return new UserId(UUID.randomUUID());
    }
}
