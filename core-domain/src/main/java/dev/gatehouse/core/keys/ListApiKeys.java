package dev.gatehouse.core.keys;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.tenancy.projects.Projects;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Lists a project's keys, or an organization's organization-wide keys ({@code api_keys_read});
 * never their secrets. {@code status} filters by the stored status (active, rotating, revoked, expired).
 * An environment key listing its own project sees its environment's keys only.
 */
public record ListApiKeys(ApiKeys apiKeys, Projects projects, LastUsedRecorder lastUsed, Platform platform) {
    /** Either {@code project} or {@code organization}. */
    public record Command(Caller caller, OrganizationId organization, ProjectId project, ListQuery query) {
    }

    /** The sort fields of a key list ({@code sort=}). */
    public static final java.util.Set<String> SORTABLE = ApiKeys.SORTABLE;

    /**
     * An environment key lists its own environment's keys only (it reaches nothing else of the
     * project), newest first; an environment holds few keys, so they are filtered here.
     */
    private Page<ApiKey> ofEnvironment(EnvironmentId environment, ProjectId project, ListQuery q) {
        var search = q.searchTerm().map(s -> s.toLowerCase(Locale.ROOT));
        List<ApiKey> matching = apiKeys.ofProject(project).stream()
                .filter(k -> environment.equals(k.environmentId()))
                .filter(k -> q.status() == null || k.status().wire().equals(q.status()))
                .filter(k -> q.matchesTimes(k.createdAt(), k.createdAt()))
                .filter(k -> search.isEmpty() || k.name().toLowerCase(Locale.ROOT).contains(search.get()))
                .sorted(Comparator.comparing(ApiKey::createdAt).reversed())
                .toList();
        int from = (int) Math.min(matching.size(), q.page().offset());
        int to = Math.min(matching.size(), from + q.page().perPage());
        return new Page<>(matching.subList(from, to), q.page().page(), q.page().perPage(), matching.size());
    }

    public Result<Page<ApiKey>> handle(Command c) {
        if (c.query().status() != null && ApiKeyStatus.parse(c.query().status()).isEmpty()) {
            return Result.fail(Failure.invalid("status", "must be one of: active, revoked, expired, rotating"));
        }
        if (c.project() == null && c.organization() == null) {
            return Result.fail(Failure.invalid("organization_id", "is required"));
        }
        return platform.transactions().readOnly(() -> {
            if (c.project() != null) {
                var project = projects.byId(c.project()).filter(p -> !p.deleted());
                if (project.isEmpty()) {
                    return Result.fail(Failure.notFound("Project"));
                }
                var denied = platform.access().require(c.caller(), new ObjectRef("project", c.project().text()), "api_keys_read",
                        "projects_read", "Project");
                if (denied.isPresent()) {
                    return Result.fail(denied.get());
                }
                if (c.caller().principal() instanceof Principal.ApiKey key && key.environmentId().isPresent()) {
                    return Result.ok(ofEnvironment(key.environmentId().get(), c.project(), c.query()).map(lastUsed::overlay));
                }
                return Result.ok(apiKeys.list(project.get().organizationId(), c.project(), c.query())
                        .map(lastUsed::overlay));
            }
            return platform.access().require(c.caller(), new ObjectRef("organization", c.organization().text()), "api_keys_read",
                            "organizations_read", "Organization").<Result<Page<ApiKey>>>map(Result::fail)
                    .orElseGet(() -> Result.ok(apiKeys.list(c.organization(), null, c.query()).map(lastUsed::overlay)));
        });
    }
}
