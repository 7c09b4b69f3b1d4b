package dev.gatehouse.core.shared;

import java.util.Objects;

/**
 * Who is acting. The HTTP adapter authenticates a request into a principal; an embedder builds one
 * itself. The system principal acts for start-up tasks and background jobs.
 */
public sealed interface Principal permits Principal.User, Principal.System, Principal.Anonymous {

    /** Stable text form for audit records and idempotency scoping: {@code usr_…}, {@code system}. */
    String id();

    /** Principal type for audit records: {@code user}, {@code api_key}, {@code system}, {@code anonymous}. */
    String type();

    boolean platformAdmin();

    record User(UserId userId, String email, boolean platformAdmin) implements Principal {
        public User {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(email, "email");
        }

        public String id() {
            return userId.text();
        }

        public String type() {
            return "user";
        }
    }

    /** Not authenticated (a login attempt, for example): no rights at all. */
    record Anonymous() implements Principal {
        public String id() {
            return "anonymous";
        }

        public String type() {
            return "anonymous";
        }

        public boolean platformAdmin() {
            return false;
        }
    }

    record System(String name) implements Principal {
        public String id() {
            return "system:" + name;
        }

        public String type() {
            return "system";
        }

        public boolean platformAdmin() {
            return true;
        }
    }
}
