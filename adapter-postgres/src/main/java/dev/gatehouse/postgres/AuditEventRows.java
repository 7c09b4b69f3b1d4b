package dev.gatehouse.postgres;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;
import java.util.UUID;

/** Appending to and reading one entry of {@code audit_events}; the filtered list is in {@link JdbcAuditLog}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
@Requires(property = PostgresStores.STORE_PROPERTY, value = PostgresStores.STORE_VALUE)
interface AuditEventRows extends GenericRepository<AuditEventRow, UUID> {
    AuditEventRow save(AuditEventRow row);

    Optional<AuditEventRow> findById(UUID id);
}
