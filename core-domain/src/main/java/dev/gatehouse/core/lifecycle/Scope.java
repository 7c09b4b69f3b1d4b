package dev.gatehouse.core.lifecycle;

import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.UserId;

import java.util.Objects;

/** What ended: everything beneath it stops. */
public sealed interface Scope {
    /** An organization: its keys (organization-wide and project), grants, requests, assignments, webhook endpoints. */
    record Organization(OrganizationId organization) implements Scope {
        public Organization {
            Objects.requireNonNull(organization, "organization");
        }
    }

    /** A project: its keys, the grants and requests on it and its environments. */
    record Project(OrganizationId organization, ProjectId project) implements Scope {
        public Project {
            Objects.requireNonNull(organization, "organization");
            Objects.requireNonNull(project, "project");
        }
    }

    /** An environment: its keys, the grants, requests and role assignments on it. */
    record Environment(OrganizationId organization, ProjectId project, EnvironmentId environment) implements Scope {
        public Environment {
            Objects.requireNonNull(organization, "organization");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(environment, "environment");
        }
    }

    /** One user's membership of one organization: what the user held there. */
    record Member(OrganizationId organization, UserId user) implements Scope {
        public Member {
            Objects.requireNonNull(organization, "organization");
            Objects.requireNonNull(user, "user");
        }
    }

    /** A user, everywhere: each membership ends (and with it what the user held in that organization). */
    record User(UserId user) implements Scope {
        public User {
            Objects.requireNonNull(user, "user");
        }
    }
}
