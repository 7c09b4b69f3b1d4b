package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Result;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Owners and admins change the name, slug and settings; absent fields stay as they are. */
public record UpdateOrganization(Organizations organizations, OrganizationGuard guard, Platform p) {
    public record Command(Caller caller, OrganizationId id, String name, String slug, String timezone, String locale) {
    }

    public Result<Organization> handle(Command c) {
        return p.transactions().inTransaction(() -> guard.require(c.caller(), c.id(), "organizations_write")
                .flatMap(org -> change(c, org)));
    }

    private Result<Organization> change(Command c, Organization org) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String name = OrganizationInput.name(c.name(), false, errors);
        Optional<Slug> slug = OrganizationInput.slug(c.slug(), errors);
        OrganizationSettings settings = OrganizationInput.settings(org.settings(), c.timezone(), c.locale(), errors);
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        Organization next = org.changed(name != null ? name : org.name(), slug.orElse(org.slug()), settings,
                p.clock().instant());
        Map<String, Object> summary = new LinkedHashMap<>();
        Auditor.change(summary, "name", org.name(), next.name());
        Auditor.change(summary, "slug", org.slug().value(), next.slug().value());
        Auditor.change(summary, "settings.timezone", org.settings().timezone(), next.settings().timezone());
        Auditor.change(summary, "settings.locale", org.settings().locale(), next.settings().locale());
        if (summary.isEmpty()) {
            return Result.ok(org);
        }
        if (!organizations.update(next)) {
            return Result.fail(Failure.conflict("The slug '" + next.slug() + "' is taken.").withDetail("field", "slug"));
        }
        p.auditor().record(c.caller(), "organization.updated", "organization", org.id(), org.id(), summary);
        p.events().record(new dev.gatehouse.core.events.TenancyEvent.OrganizationUpdated(org.id(), List.copyOf(summary.keySet())));
        return Result.ok(next);
    }
}
