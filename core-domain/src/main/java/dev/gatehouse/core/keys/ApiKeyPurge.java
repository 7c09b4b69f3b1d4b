package dev.gatehouse.core.keys;

import dev.gatehouse.core.tenancy.projects.Project;
import dev.gatehouse.core.tenancy.projects.ProjectDependents;

/** Takes a purged project's API keys along: their relationships, cache entries and rows. */
public final class ApiKeyPurge implements ProjectDependents {
    private final ApiKeyContext ctx;

    public ApiKeyPurge(ApiKeyContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void purge(Project project) {
        for (ApiKey key : ctx.apiKeys().ofProject(project.id())) {
            var deleted = ctx.authorizer().write(ApiKeyContext.withdrawals(key));
            if (!deleted.isOk()) {
                // an exception rolls the purge of this project back; the next run retries it
                throw new IllegalStateException("could not delete the relationships of " + key.id() + ": "
                        + deleted.failure().message());
            }
            ctx.cache().invalidate(key.hash());
        }
        ctx.apiKeys().removeAllOf(project.id());
    }
}
