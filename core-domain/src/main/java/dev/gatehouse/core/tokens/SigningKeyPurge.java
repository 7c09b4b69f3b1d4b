package dev.gatehouse.core.tokens;

import dev.gatehouse.core.tenancy.projects.Project;
import dev.gatehouse.core.tenancy.projects.ProjectDependents;

/** Takes a purged project's signing keys along. */
public final class SigningKeyPurge implements ProjectDependents {
    private final ProjectSigningKeys keys;

    public SigningKeyPurge(ProjectSigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public void purge(Project project) {
        keys.removeAllOf(project.id());
    }
}
