package dev.gatehouse.core.authorization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code validation:} block of a validation file (zed's expected relations): for each
 * {@code resource#permission}, every subject that has it, as validation strings
 * {@code [subject] is <resource#relation>/<…>}. A subject is {@code type:id}, {@code type:id#relation}
 * or {@code type:*}; {@code [...]} after it marks a caveated (conditional) subject, and
 * {@code - {type:a, type:b}} after a wildcard the subjects it excludes. The format follows
 * {@code zed}'s validationfile package; zed has no expiration marker here.
 *
 * @param key      {@code resource#permission} as written
 * @param expected the expected subjects in order
 */
record ExpectedRelations(String key, ObjectRef resource, String permission, List<ExpectedSubject> expected) {

    /** One expected subject: its key ({@code type:id}, {@code type:id#relation} or {@code type:*}). */
    record ExpectedSubject(String subject, boolean caveated, TreeSet<String> exceptions, List<String> resources,
                           String text) {
    }

    private static final Pattern SUBJECT_PART = Pattern.compile("(.*?)\\[(?<subject>.*)](.*?)");
    private static final Pattern RESOURCE_PART = Pattern.compile("<(?<onr>[^>]+)>");
    private static final Pattern SUBJECT = Pattern.compile(
            "^(?<onr>[^]\\s]+)(?<caveat>\\[\\.\\.\\.])?(\\s+-\\s+\\{(?<exceptions>[^}]+)})?$");

    /** The block's entries; throws {@link IllegalArgumentException} naming what is malformed. */
    static List<ExpectedRelations> parse(Map<?, ?> block) {
        List<ExpectedRelations> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : new LinkedHashMap<>(block).entrySet()) {
            String key = String.valueOf(e.getKey()).strip();
            int hash = key.lastIndexOf('#');
            if (hash < 0) {
                throw new IllegalArgumentException("could not parse " + key + ": expected resource#permission");
            }
            ObjectRef resource;
            try {
                resource = ObjectRef.parse(key.substring(0, hash));
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException("could not parse " + key);
            }
            String permission = key.substring(hash + 1);
            List<ExpectedSubject> subjects = new ArrayList<>();
            Object value = e.getValue();
            if (value != null && !(value instanceof List<?>)) {
                throw new IllegalArgumentException("expected a list of validation strings for " + key);
            }
            for (Object item : value == null ? List.of() : (List<?>) value) {
                subjects.add(subject(key, String.valueOf(item)));
            }
            out.add(new ExpectedRelations(key, resource, permission, List.copyOf(subjects)));
        }
        return out;
    }

    private static ExpectedSubject subject(String key, String text) {
        Matcher part = SUBJECT_PART.matcher(text);
        if (!part.matches()) {
            throw new IllegalArgumentException("for " + key + ": `" + text + "` names no [subject]");
        }
        Matcher m = SUBJECT.matcher(part.group("subject").strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("for " + key + ": could not parse subject `" + part.group("subject") + "`");
        }
        TreeSet<String> exceptions = new TreeSet<>();
        if (m.group("exceptions") != null) {
            for (String x : m.group("exceptions").split(",")) {
                exceptions.add(normalize(x.strip().replace("[...]", "")));
            }
        }
        List<String> resources = new ArrayList<>();
        Matcher r = RESOURCE_PART.matcher(text);
        while (r.find()) {
            resources.add(r.group("onr").strip());
        }
        return new ExpectedSubject(normalize(m.group("onr")), m.group("caveat") != null, exceptions, resources, text);
    }

    /** {@code user:tom#...} and {@code user:tom} are the same subject. */
    static String normalize(String subject) {
        return subject.endsWith("#" + SubjectRef.ELLIPSIS) ? subject.substring(0, subject.length() - 4) : subject;
    }
}
