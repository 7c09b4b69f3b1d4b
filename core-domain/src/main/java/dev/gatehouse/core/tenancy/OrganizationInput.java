package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.TextField;

import dev.gatehouse.core.shared.Result;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Validation of organization fields shared by create and update; problems are collected per field. */
final class OrganizationInput {
    private OrganizationInput() {
    }

    /** The stripped name, or null when absent (and not required) or invalid. */
    static String name(String raw, boolean required, Map<String, List<String>> errors) {
        if (raw == null) {
            if (required) {
                errors.put("name", List.of("is required"));
            }
            return null;
        }
        return TextField.singleLine("name", raw, Organization.MAX_NAME_LENGTH, "must not be blank", errors);
    }

    static Optional<Slug> slug(String raw, Map<String, List<String>> errors) {
        if (raw == null) {
            return Optional.empty();
        }
        Optional<Slug> slug = Slug.parse(raw.strip());
        if (slug.isEmpty()) {
            errors.put("slug", List.of("must be 1 to " + Slug.MAX_LENGTH
                    + " lower-case letters, digits and single hyphens between them (a-z, 0-9, -)"));
        }
        return slug;
    }

    static OrganizationSettings settings(OrganizationSettings current, String timezone, String locale,
                                         Map<String, List<String>> errors) {
        String tz = current.timezone();
        String loc = current.locale();
        if (timezone != null) {
            Result<String> r = OrganizationSettings.timezone(timezone);
            if (r.isOk()) {
                tz = r.value();
            } else {
                errors.putAll(r.failure().fieldErrors());
            }
        }
        if (locale != null) {
            Result<String> r = OrganizationSettings.locale(locale);
            if (r.isOk()) {
                loc = r.value();
            } else {
                errors.putAll(r.failure().fieldErrors());
            }
        }
        return new OrganizationSettings(tz, loc);
    }
}
