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
    private final Instant emailVerifiedAt;

    private User(UserId id, Email email, String name, String passwordHash, boolean platformAdmin,
                 UserStatus status, Instant createdAt, Instant updatedAt, Instant emailVerifiedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.email = Objects.requireNonNull(email, "email");
        this.name = Objects.requireNonNull(name, "name");
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.platformAdmin = platformAdmin;
        this.status = Objects.requireNonNull(status, "status");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.emailVerifiedAt = emailVerifiedAt;
    }

    /**
     * What is wrong with a new account's name (already stripped) and password, by field: the name is
     * required, at most {@value #MAX_NAME_LENGTH} characters and one line; the password follows the
     * {@link PasswordPolicy}. Empty when both are fine.
     */
    public static java.util.Map<String, java.util.List<String>> accountProblems(String name, String password) {
        java.util.Map<String, java.util.List<String>> errors = new java.util.LinkedHashMap<>();
        if (name.isEmpty()) {
            errors.put("name", java.util.List.of("is required"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.put("name", java.util.List.of("must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        dev.gatehouse.core.shared.Text.singleLineProblem(name).ifPresent(p -> errors.put("name", java.util.List.of(p)));
        PasswordPolicy.problem(password).ifPresent(p -> errors.put("password", java.util.List.of(p)));
        return errors;
    }

    /** A user whose address is proven (created by a platform admin, or by accepting an invitation sent to it). */
    public static User create(UserId id, Email email, String name, String passwordHash, boolean platformAdmin, Instant now) {
        return new User(id, email, name, passwordHash, platformAdmin, UserStatus.ACTIVE, now, now, now);
    }

    /** A user who signed up on their own: unverified until the link mailed to the address is used. */
    public static User createUnverified(UserId id, Email email, String name, String passwordHash, Instant now) {
        return new User(id, email, name, passwordHash, false, UserStatus.ACTIVE, now, now, null);
    }

    /** @param emailVerifiedAt when the address was proven; null while unverified */
    public static User rehydrate(UserId id, Email email, String name, String passwordHash, boolean platformAdmin,
                                 UserStatus status, Instant createdAt, Instant updatedAt, Instant emailVerifiedAt) {
        return new User(id, email, name, passwordHash, platformAdmin, status, createdAt, updatedAt, emailVerifiedAt);
    }

    public User withPasswordHash(String hash, Instant now) {
        return new User(id, email, name, hash, platformAdmin, status, createdAt, now, emailVerifiedAt);
    }

    public User withName(String newName, Instant now) {
        return new User(id, email, newName, passwordHash, platformAdmin, status, createdAt, now, emailVerifiedAt);
    }

    public User deactivated(Instant now) {
        return new User(id, email, name, passwordHash, platformAdmin, UserStatus.DEACTIVATED, createdAt, now, emailVerifiedAt);
    }

    /** The address proven at {@code now}, with the name and password hash of the sign-up whose link was used. */
    public User verified(String newName, String hash, Instant now) {
        return new User(id, email, newName, hash, platformAdmin, status, createdAt, now, now);
    }

    /** Whether the address is proven; an unverified user cannot log in. */
    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    public Instant emailVerifiedAt() {
        return emailVerifiedAt;
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
                && createdAt.equals(u.createdAt) && updatedAt.equals(u.updatedAt)
                && Objects.equals(emailVerifiedAt, u.emailVerifiedAt);
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
