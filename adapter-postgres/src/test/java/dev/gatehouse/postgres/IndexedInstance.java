package dev.gatehouse.postgres;

import dev.gatehouse.core.authorization.RelationshipIndex;
import dev.gatehouse.core.shared.Transactions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.transaction.TransactionOperations;

import javax.sql.DataSource;
import java.sql.Connection;

/**
 * What one Gatehouse instance on PostgreSQL reads relationships through: its own store (announcing
 * its own commits to its own feed), feed and index, over the shared database of {@code context}.
 */
record IndexedInstance(RelationshipIndex index, PgRelationshipChanges feed, JdbcRelationships store) implements AutoCloseable {

    @SuppressWarnings("unchecked")
    static IndexedInstance start(ApplicationContext context, RelationshipIndex.Settings settings) {
        DataSource pool = context.findBean(DataSourceResolver.class).orElse(DataSourceResolver.DEFAULT)
                .resolve(context.getBean(DataSource.class));
        PgRelationshipChanges feed = new PgRelationshipChanges(pool, context.getBean(TransactionOperations.class));
        JdbcRelationships store = new JdbcRelationships(context.getBean(Sql.class), context.getBean(Transactions.class), feed);
        return new IndexedInstance(RelationshipIndex.over(store, feed, settings), feed, store);
    }

    @Override
    public void close() {
        feed.close();
    }
}
