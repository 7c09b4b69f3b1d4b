package dev.gatehouse.postgres;

import dev.gatehouse.core.authorization.RelationshipIndex;
import dev.gatehouse.core.authorization.Relationships;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link PostgresLocalAuthorizerTest} with the evaluator reading through the in-memory
 * {@link RelationshipIndex} kept by LISTEN/NOTIFY (ADR 0036), with a budget small enough that objects
 * are dropped and read again: every answer is still the memory store's, and its own tokens are honoured.
 */
class PostgresIndexedLocalAuthorizerTest extends PostgresLocalAuthorizerTest {
    private IndexedInstance instance;

    @Override
    Relationships postgresRelationships() {
        instance = IndexedInstance.start(BEANS.context(), new RelationshipIndex.Settings(40,
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5)));
        return instance.index();
    }

    @AfterEach
    void stopFeed() {
        instance.close();
    }
}
