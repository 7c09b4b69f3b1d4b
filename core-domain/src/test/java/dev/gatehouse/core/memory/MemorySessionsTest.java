package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.SessionsContract;
import dev.gatehouse.core.sessions.Sessions;
import dev.gatehouse.core.shared.UserId;

import java.util.UUID;

class MemorySessionsTest extends SessionsContract {
    @Override
    protected Sessions sessions() {
        return new MemorySessions(new MemoryTransactions());
    }

    @Override
    protected UserId user(String email) {
        return new UserId(UUID.randomUUID());
    }
}
