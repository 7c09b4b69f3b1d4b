package dev.gatehouse.core.authorization;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * SpiceDB's text form of relationships,
 * {@code type:id#relation@type:id[#relation][[caveat[:{context}]]][[expiration:timestamp]]}; the
 * caveat's context is a JSON object.
 */
public final class RelationshipText {

    /** A parsed line: the relationship (with its caveat) and the caveat's name, if any. */
    public record Parsed(Relationship relationship, Optional<String> caveat) {
    }

    private RelationshipText() {
    }

    /** Parses one relationship; throws {@link IllegalArgumentException} naming what is wrong. */
    public static Parsed parse(String text) {
        String s = text.strip();
        int at = s.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("expected resource#relation@subject, found '" + Names.abbreviate(s) + "'");
        }
        String left = s.substring(0, at);
        int hash = left.lastIndexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("expected '#relation' before '@' in '" + Names.abbreviate(s) + "'");
        }
        ObjectRef resource = ObjectRef.parse(left.substring(0, hash));
        String relation = left.substring(hash + 1);
        String right = s.substring(at + 1);
        int bracket = right.indexOf('[');
        SubjectRef subject = SubjectRef.parse(bracket < 0 ? right : right.substring(0, bracket));
        Optional<String> caveat = Optional.empty();
        Optional<RelationshipCaveat> caveated = Optional.empty();
        Optional<Instant> expiration = Optional.empty();
        int pos = bracket;
        while (pos >= 0 && pos < right.length()) {
            if (right.charAt(pos) != '[') {
                throw new IllegalArgumentException("unexpected '" + right.substring(pos) + "' after the subject");
            }
            int end = closing(right, pos);
            String part = right.substring(pos + 1, end);
            if (part.startsWith("expiration:")) {
                String timestamp = part.substring("expiration:".length());
                // SpiceDB's relationship syntax allows only [0-9-.:TZ] here (so no '+hh:mm' offset), then RFC 3339.
                if (!timestamp.matches("[0-9\\-.:TZ]+")) {
                    throw new IllegalArgumentException("invalid expiration '" + part
                            + "': expected an RFC 3339 timestamp of digits, '-', '.', ':', 'T' and 'Z' (a '+' offset is not allowed)");
                }
                try {
                    expiration = Optional.of(OffsetDateTime.parse(timestamp, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("invalid expiration '" + part + "': expected an RFC 3339 timestamp");
                }
            } else {
                if (caveat.isPresent()) {
                    throw new IllegalArgumentException("more than one caveat in '" + Names.abbreviate(s) + "'");
                }
                int colon = part.indexOf(':');
                String name = (colon < 0 ? part : part.substring(0, colon)).strip();
                caveat = Optional.of(name);
                java.util.Map<String, Object> context = java.util.Map.of();
                if (colon >= 0) {
                    try {
                        context = dev.gatehouse.core.shared.JsonParser.parseObject(part.substring(colon + 1));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("invalid caveat context in '" + Names.abbreviate(s) + "': "
                                + e.getMessage());
                    }
                }
                caveated = Optional.of(new RelationshipCaveat(name, context));
            }
            pos = end + 1;
        }
        return new Parsed(new Relationship(resource, relation, subject, expiration, caveated), caveat);
    }

    /** The index of the ']' closing the '[' at {@code open}, skipping nested brackets and strings. */
    private static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    i += s.charAt(i) == '\\' ? 2 : 1;
                }
            } else if (c == '[' || c == '{') {
                depth++;
            } else if ((c == ']' || c == '}') && --depth == 0) {
                if (c != ']') {
                    break;
                }
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced '[' in '" + Names.abbreviate(s) + "'");
    }
}
