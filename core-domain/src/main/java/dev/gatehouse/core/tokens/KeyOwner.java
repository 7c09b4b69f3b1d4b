package dev.gatehouse.core.tokens;

import dev.gatehouse.core.shared.ProjectId;

import java.util.Objects;
import java.util.Optional;

/**
 * Whose tokens a signing key signs: the instance's (session tokens, published at
 * {@code /.well-known/jwks.json}) or one project's (access tokens, published at
 * {@code /api/v1/projects/{id}/jwks.json}).
 */
public sealed interface KeyOwner {
    static KeyOwner instance() {
        return Instance.INSTANCE;
    }

    static KeyOwner project(ProjectId project) {
        return new Project(project);
    }

    /** The project of a project key; empty for the instance. */
    default Optional<ProjectId> projectId() {
        return this instanceof Project p ? Optional.of(p.project()) : Optional.empty();
    }

    /** The instance itself: session tokens. Several of its keys may be active (one per master key in use). */
    enum Instance implements KeyOwner {
        INSTANCE
    }

    /** A project: exactly one active key at a time. */
    record Project(ProjectId project) implements KeyOwner {
        public Project {
            Objects.requireNonNull(project, "project");
        }
    }
}
