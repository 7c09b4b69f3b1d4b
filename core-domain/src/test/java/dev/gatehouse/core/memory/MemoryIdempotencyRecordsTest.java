package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.IdempotencyRecordsContract;
import dev.gatehouse.core.idempotency.IdempotencyRecords;

class MemoryIdempotencyRecordsTest extends IdempotencyRecordsContract {
    @Override
    protected IdempotencyRecords records() {
        return new MemoryIdempotencyRecords();
    }
}
