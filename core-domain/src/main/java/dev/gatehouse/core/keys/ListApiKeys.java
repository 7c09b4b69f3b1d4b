package dev.gatehouse.core.keys;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

/**
 * Lists a project's keys, or an organization's organization-wide keys ({@code api_keys_read});
 * never their secrets. {@code status} filters by the stored status (active, rotating, revoked, expired).
 */
public final class ListApiKeys {
    /** Either {@code project} or {@code organization}. */
    public record Command(Caller caller, OrganizationId organization, ProjectId project, ListQuery query) {
    }

    private final ApiKeyContext ctx;

    public ListApiKeys(ApiKeyContext ctx) {
        this.ctx = ctx;
    }

    public Result<Page<ApiKey>> handle(Command c) {
        if (c.query().status() != null && ApiKeyStatus.parse(c.query().status()).isEmpty()) {
            return Result.fail(Failure.invalid("status", "must be one of: active, revoked, expired, rotating"));
        }
        if (c.project() == null && c.organization() == null) {
            return Result.fail(Failure.invalid("organization_id", "is required"));
        }
        return ctx.tx().readOnly(() -> {
            if (c.project() != null) {
                var project = ctx.projects().byId(c.project()).filter(p -> !p.deleted());
                if (project.isEmpty()) {
                    return Result.fail(Failure.notFound("Project"));
                }
                return ctx.access().require(c.caller(), new ObjectRef("project", c.project().text()), "api_keys_read",
                                "projects_read", "Project").<Result<Page<ApiKey>>>map(Result::fail)
                        .orElseGet(() -> Result.ok(ctx.apiKeys().list(project.get().organizationId(), c.project(), c.query())
                                .map(ctx.lastUsed()::overlay)));
            }
            return ctx.access().require(c.caller(), new ObjectRef("organization", c.organization().text()), "api_keys_read",
                            "organizations_read", "Organization").<Result<Page<ApiKey>>>map(Result::fail)
                    .orElseGet(() -> Result.ok(ctx.apiKeys().list(c.organization(), null, c.query()).map(ctx.lastUsed()::overlay)));
        });
    }
}
