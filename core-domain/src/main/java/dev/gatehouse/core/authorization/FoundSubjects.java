package dev.gatehouse.core.authorization;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer to lookup-subjects: the concrete subject ids found and, when a wildcard grants the
 * permission, {@code wildcard} with the ids it does not cover (excluded by an exclusion or an
 * intersection). With caveats, subjects whose permission depends on caveat parameters the question
 * did not give are listed apart, in {@code conditionalSubjects} (id to the missing parameters,
 * sorted), as SpiceDB lists them with {@code CONDITIONAL_PERMISSION}; a wildcard that holds only
 * conditionally has {@code wildcard} with a non-empty {@code wildcardMissingContext}. Conditional
 * subjects never count as having the permission ({@link #includes}).
 */
public record FoundSubjects(List<String> subjectIds, boolean wildcard, List<String> excludedFromWildcard,
                            Map<String, List<String>> conditionalSubjects, List<String> wildcardMissingContext) {
    public FoundSubjects {
        subjectIds = List.copyOf(subjectIds);
        excludedFromWildcard = List.copyOf(excludedFromWildcard);
        Map<String, List<String>> sorted = new TreeMap<>();
        conditionalSubjects.forEach((id, missing) -> sorted.put(id, List.copyOf(missing)));
        conditionalSubjects = Collections.unmodifiableMap(sorted);
        wildcardMissingContext = List.copyOf(wildcardMissingContext);
        if (!wildcard && !excludedFromWildcard.isEmpty()) {
            throw new IllegalArgumentException("exclusions only qualify a wildcard");
        }
        if (!wildcard && !wildcardMissingContext.isEmpty()) {
            throw new IllegalArgumentException("missing context only qualifies a wildcard");
        }
    }

    /** Without conditional subjects. */
    public FoundSubjects(List<String> subjectIds, boolean wildcard, List<String> excludedFromWildcard) {
        this(subjectIds, wildcard, excludedFromWildcard, Map.of(), List.of());
    }

    /** Whether the wildcard holds only conditionally. */
    public boolean wildcardConditional() {
        return wildcard && !wildcardMissingContext.isEmpty();
    }

    /** Whether the subject with this id has the permission (definitely) according to this answer. */
    public boolean includes(String subjectId) {
        return subjectIds.contains(subjectId)
                || (wildcard && !wildcardConditional() && !excludedFromWildcard.contains(subjectId)
                && !conditionalSubjects.containsKey(subjectId));
    }
}
