package dev.gatehouse.core.tenancy;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The URL-friendly name of an organization: lower-case letters, digits and single hyphens between
 * them, at most {@value #MAX_LENGTH} characters. Unique among the organizations that are not deleted.
 */
public record Slug(String value) {
    public static final int MAX_LENGTH = 63;
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Slug {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a slug: " + value);
        }
    }

    public static boolean isValid(String text) {
        return text != null && text.length() <= MAX_LENGTH && SHAPE.matcher(text).matches();
    }

    public static Optional<Slug> parse(String text) {
        return isValid(text) ? Optional.of(new Slug(text)) : Optional.empty();
    }

    /**
     * A slug derived from a name: lower-cased, accents dropped, every run of other characters one
     * hyphen, trimmed to the maximum length. Empty when nothing usable is left ("!!!").
     */
    public static Optional<Slug> fromName(String name) {
        String plain = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (plain.length() > MAX_LENGTH) {
            plain = plain.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return parse(plain);
    }

    @Override
    public String toString() {
        return value;
    }
}
