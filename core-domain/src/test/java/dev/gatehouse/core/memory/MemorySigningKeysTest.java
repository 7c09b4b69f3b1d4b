package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.SigningKeysContract;

class MemorySigningKeysTest extends SigningKeysContract {
    @Override
    protected dev.gatehouse.core.keys.SigningKeys signingKeys() {
        return new MemorySigningKeys(new MemoryTransactions());
    }
}
