package dev.gatehouse.core.authorization;

import java.util.List;

/**
 * The answer to lookup-subjects: the concrete subject ids found and, when a wildcard grants the
 * permission, {@code wildcard} with the ids it does not cover (excluded by an exclusion or an
 * intersection).
 */
public record FoundSubjects(List<String> subjectIds, boolean wildcard, List<String> excludedFromWildcard) {
    public FoundSubjects {
        subjectIds = List.copyOf(subjectIds);
        excludedFromWildcard = List.copyOf(excludedFromWildcard);
        if (!wildcard && !excludedFromWildcard.isEmpty()) {
            throw new IllegalArgumentException("exclusions only qualify a wildcard");
        }
    }

    /** Whether the subject with this id has the permission according to this answer. */
    public boolean includes(String subjectId) {
        return subjectIds.contains(subjectId) || (wildcard && !excludedFromWildcard.contains(subjectId));
    }
}
