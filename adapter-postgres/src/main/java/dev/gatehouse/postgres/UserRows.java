package dev.gatehouse.postgres;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;
import java.util.UUID;

/** The plain reads and writes of {@code users}; inserting and listing are in {@link JdbcUsers}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
@Requires(property = PostgresStores.STORE_PROPERTY, value = PostgresStores.STORE_VALUE)
interface UserRows extends GenericRepository<UserRow, UUID> {
    Optional<UserRow> findById(UUID id);

    Optional<UserRow> findByEmail(String email);

    void update(UserRow row);

    @Query("SELECT EXISTS (SELECT 1 FROM users)")
    boolean any();
}
