package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is acting. The HTTP adapter authenticates a request into a principal; an embedder builds one
 * itself. The system principal acts for start-up tasks and background jobs.
 */
public sealed interface Principal permits Principal.User, Principal.ApiKey, Principal.System, Principal.Anonymous {

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

    /**
     * An API key acting for its organization. What it may do is decided by the authorization model
     * (its per-key role binding); {@code scopes} are informational here.
     */
    record ApiKey(ApiKeyId keyId, OrganizationId organizationId, Optional<ProjectId> projectId,
                  Optional<EnvironmentId> environmentId, Set<String> scopes) implements Principal {
        public ApiKey {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(organizationId, "organizationId");
            Objects.requireNonNull(projectId, "projectId");
            Objects.requireNonNull(environmentId, "environmentId");
            scopes = Set.copyOf(scopes);
        }

        public String id() {
            return keyId.text();
        }

        public String type() {
            return "api_key";
        }

        public boolean platformAdmin() {
            return false;
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
