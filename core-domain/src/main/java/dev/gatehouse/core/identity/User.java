package dev.gatehouse.core.identity;

import dev.gatehouse.core.shared.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * A person who can log in. The password hash is an encoded string (PHC format) from the
 * {@link PasswordHasher}; it never leaves the domain through an API.
 */
public final class User {
    public static final int MAX_NAME_LENGTH = 200;

    private final UserId id;
    private final Email email;
    private final String name;
    private final String passwordHash;
    private final boolean platformAdmin;
    private final UserStatus status;
    private final Instant createdAt;
    private final Instant updatedAt;

    private User(UserId id, Email email, String name, String passwordHash, boolean platformAdmin,
                 UserStatus status, Instant createdAt, Instant updatedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.email = Objects.requireNonNull(email, "email");
        this.name = Objects.requireNonNull(name, "name");
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.platformAdmin = platformAdmin;
        this.status = Objects.requireNonNull(status, "status");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static User create(UserId id, Email email, String name, String passwordHash, boolean platformAdmin, Instant now) {
        return new User(id, email, name, passwordHash, platformAdmin, UserStatus.ACTIVE, now, now);
    }

    public static User rehydrate(UserId id, Email email, String name, String passwordHash, boolean platformAdmin,
                                 UserStatus status, Instant createdAt, Instant updatedAt) {
        return new User(id, email, name, passwordHash, platformAdmin, status, createdAt, updatedAt);
    }

    public User withPasswordHash(String hash, Instant now) {
        return new User(id, email, name, hash, platformAdmin, status, createdAt, now);
    }

    public User withName(String newName, Instant now) {
        return new User(id, email, newName, passwordHash, platformAdmin, status, createdAt, now);
    }

    public User deactivated(Instant now) {
        return new User(id, email, name, passwordHash, platformAdmin, UserStatus.DEACTIVATED, createdAt, now);
    }

    public boolean active() {
        return status == UserStatus.ACTIVE;
    }

    public UserId id() {
        return id;
    }

    public Email email() {
        return email;
    }

    public String name() {
        return name;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public boolean platformAdmin() {
        return platformAdmin;
    }

    public UserStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof User u && id.equals(u.id) && email.equals(u.email) && name.equals(u.name)
                && passwordHash.equals(u.passwordHash) && platformAdmin == u.platformAdmin && status == u.status
                && createdAt.equals(u.createdAt) && updatedAt.equals(u.updatedAt);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "User[" + id + ", " + email + ", " + status + "]";
    }
}
