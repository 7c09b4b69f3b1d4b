package dev.gatehouse.core.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** An email address, trimmed and lower-cased; one mailbox, one user. */
public record Email(String value) {
    /** No whitespace and no control characters (NUL included) anywhere. */
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s\\p{Cntrl}\\x{80}-\\x{9f}]{1,64}@[^@\\s.\\p{Cntrl}\\x{80}-\\x{9f}]+(\\.[^@\\s.\\p{Cntrl}\\x{80}-\\x{9f}]+)+$");
    public static final int MAX_LENGTH = 254;

    public Email {
        if (value == null || value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()
                || !value.equals(value.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not a normalized email address");
        }
    }

    public static Optional<Email> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String v = raw.strip().toLowerCase(Locale.ROOT);
        if (v.length() > MAX_LENGTH || !SHAPE.matcher(v).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Email(v));
    }

    @Override
    public String toString() {
        return value;
    }
}
