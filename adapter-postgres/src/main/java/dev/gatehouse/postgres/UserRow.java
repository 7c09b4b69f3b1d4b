package dev.gatehouse.postgres;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code users}; {@link UserMapper} converts it to and from the domain's {@code User}. */
@MappedEntity("users")
record UserRow(@Id UUID id, String email, String name, String passwordHash, boolean platformAdmin, String status,
               Instant createdAt, Instant updatedAt) {
}
