package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Objects;

/**
 * An organization's presentation settings: an IANA time zone ({@code Europe/London}) and a BCP 47
 * locale ({@code en-GB}; {@code en_GB} is accepted and normalized).
 */
public record OrganizationSettings(String timezone, String locale) {
    public static final OrganizationSettings DEFAULTS = new OrganizationSettings("UTC", "en");

    public OrganizationSettings {
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(locale, "locale");
    }

    /** The time zone as a {@link ZoneId}, or a validation failure on {@code settings.timezone}. */
    public static Result<String> timezone(String text) {
        try {
            return Result.ok(ZoneId.of(text.strip()).getId());
        } catch (DateTimeException e) {
            return Result.fail(Failure.invalid("settings.timezone", "must be an IANA time zone such as Europe/London"));
        }
    }

    /** The locale as a normalized BCP 47 tag, or a validation failure on {@code settings.locale}. */
    public static Result<String> locale(String text) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(text.strip().replace('_', '-')).build();
            if (locale.getLanguage().isEmpty()) {
                throw new IllformedLocaleException("no language");
            }
            return Result.ok(locale.toLanguageTag());
        } catch (IllformedLocaleException e) {
            return Result.fail(Failure.invalid("settings.locale", "must be a BCP 47 language tag such as en-GB"));
        }
    }
}
