package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.tenancy.Organizations;

import java.util.Objects;
import java.util.Optional;

/**
 * Who may do what with webhooks. Webhooks belong to the organization as a whole, so the permission is
 * decided on the organization for every principal: an environment key never reaches them (403 in its
 * own organization); another organization's are 404.
 */
public record WebhookAccess(Organizations organizations, AccessControl access) {
    public WebhookAccess {
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(access, "access");
    }

    /** Whether the caller may do {@code permission} on webhooks of {@code org}; 404 when not even readable. */
    public Optional<Failure> require(Caller caller, OrganizationId org, String permission) {
        if (caller.principal() instanceof Principal.ApiKey key && !key.organizationId().equals(org)) {
            return Optional.of(Failure.notFound("Webhook"));
        }
        return access.require(caller, new ObjectRef("organization", org.text()), permission, "webhooks_read", "Webhook");
    }

    /** The organization a collection request acts in: the API key's, or the one named (required for users). */
    public Result<OrganizationId> organizationFor(Caller caller, OrganizationId given) {
        OrganizationId id;
        if (caller.principal() instanceof Principal.ApiKey key) {
            if (given != null && !given.equals(key.organizationId())) {
                return Result.fail(Failure.notFound("Organization"));
            }
            id = key.organizationId();
        } else if (given == null) {
            return Result.fail(Failure.invalid("organization_id", "is required"));
        } else {
            id = given;
        }
        if (organizations.byId(id).filter(o -> !o.isDeleted()).isEmpty()) {
            return Result.fail(Failure.notFound("Organization"));
        }
        return Result.ok(id);
    }
}
