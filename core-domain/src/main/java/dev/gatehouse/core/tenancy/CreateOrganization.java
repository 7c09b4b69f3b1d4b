package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.Quota;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.MembershipId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Result;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A user creates an organization and becomes its owner. Without a slug, one is derived from the
 * name (with a random suffix when the derived one is taken); a given slug that is taken is a
 * conflict. The tier starts at {@code free}.
 */
public final class CreateOrganization {
    private static final int SLUG_ATTEMPTS = 3;

    /** {@code slug}, {@code timezone} and {@code locale} may be null (derived, {@code UTC}, {@code en}). */
    public record Command(Caller caller, String name, String slug, String timezone, String locale) {
    }

    private final Organizations organizations;
    private final Memberships memberships;
    private final Quota entitlements;
    private final Platform p;

    public CreateOrganization(Organizations organizations, Memberships memberships, Quota entitlements, Platform platform) {
        this.organizations = organizations;
        this.memberships = memberships;
        this.entitlements = entitlements;
        this.p = platform;
    }

    public Result<Organization> handle(Command c) {
        if (!(c.caller().principal() instanceof Principal.User creator)) {
            return Result.fail(Failure.forbidden("Organizations are created by users, who become their owners."));
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String name = OrganizationInput.name(c.name(), true, errors);
        Optional<Slug> slug = OrganizationInput.slug(c.slug(), errors);
        OrganizationSettings settings = OrganizationInput.settings(OrganizationSettings.DEFAULTS, c.timezone(), c.locale(), errors);
        if (!errors.isEmpty()) {
            return Result.fail(Failure.invalid(errors));
        }
        return p.transactions().inTransaction(() -> {
            var now = p.clock().instant();
            OrganizationId id = new OrganizationId(p.ids().newId());
            Organization org = null;
            if (slug.isPresent()) {
                org = Organization.create(id, name, slug.get(), settings, now);
                if (!organizations.add(org)) {
                    return Result.<Organization>fail(Failure.conflict("The slug '" + slug.get() + "' is taken.")
                            .withDetail("field", "slug"));
                }
            } else {
                Slug base = Slug.fromName(name).orElse(new Slug("org"));
                for (int attempt = 0; attempt < SLUG_ATTEMPTS && org == null; attempt++) {
                    Organization candidate = Organization.create(id, name, attempt == 0 ? base : suffixed(base), settings, now);
                    if (organizations.add(candidate)) {
                        org = candidate;
                    }
                }
                if (org == null) {
                    return Result.<Organization>fail(Failure.conflict("No free slug could be derived from the name; give one."));
                }
            }
            var seat = entitlements.consume(id, Quota.MEMBERS, 1);
            if (seat.isPresent()) {
                return Result.<Organization>fail(seat.get());
            }
            var written = p.authorizer().write(List.of(RelationshipUpdate.touch(
                    MembershipGrants.relationship(id, creator.userId(), Role.OWNER))));
            if (!written.isOk()) {
                return Result.<Organization>fail(written.failure());
            }
            // The owner's membership goes last, with the audit and outbox rows (one round trip on PostgreSQL).
            memberships.addFounder(new Membership(new MembershipId(p.ids().newId()), id, creator.userId(), Role.OWNER, now, now));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("name", org.name());
            summary.put("slug", org.slug().value());
            summary.put("tier", org.tier());
            summary.put("owner_id", creator.userId().text());
            p.auditor().record(c.caller(), "organization.created", "organization", id, id, summary);
            p.events().record(new dev.gatehouse.core.events.TenancyEvent.OrganizationCreated(id, org.slug().value(), creator.userId()));
            return Result.ok(org);
        });
    }

    private Slug suffixed(Slug base) {
        String suffix = p.ids().randomBase62(6).toLowerCase(Locale.ROOT);
        String head = base.value().length() > Slug.MAX_LENGTH - 7
                ? base.value().substring(0, Slug.MAX_LENGTH - 7).replaceAll("-+$", "") : base.value();
        return new Slug(head + "-" + suffix);
    }
}
