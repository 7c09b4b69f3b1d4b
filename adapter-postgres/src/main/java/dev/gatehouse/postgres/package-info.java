/**
 * The core's driven ports over PostgreSQL: Micronaut Data JDBC repositories of package-private row
 * records (one hand-written mapper per aggregate), plain JDBC through the transaction-aware
 * connection for dynamic lists and atomic upserts, Flyway migrations in {@code db/migration}. The
 * only public type is the factory {@link dev.gatehouse.postgres.PostgresStores}.
 */
package dev.gatehouse.postgres;
