package dev.gatehouse.postgres;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code signing_keys}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
@Requires(property = PostgresStores.STORE_PROPERTY, value = PostgresStores.STORE_VALUE)
interface SigningKeyRows extends GenericRepository<SigningKeyRow, UUID> {
    SigningKeyRow save(SigningKeyRow row);

    Optional<SigningKeyRow> findById(UUID id);

    @Query("SELECT * FROM signing_keys ORDER BY created_at, id")
    List<SigningKeyRow> oldestFirst();
}
