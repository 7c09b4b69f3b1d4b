package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;

import java.util.List;
import java.util.Set;

/** The failures of this feature that callers may want to tell apart, by their {@code code} detail. */
public final class AuthorizationFailures {
    public static final String CODE = "code";
    public static final String CAVEATS_UNSUPPORTED = "caveats_unsupported";
    public static final String EVALUATION_ABORTED = "evaluation_aborted";
    /** A read asked to see an outbox change that has not reached the authorization engine yet. */
    public static final String NOT_YET_REPLICATED = "not_yet_replicated";

    private AuthorizationFailures() {
    }

    static Failure caveatsUnsupported(Set<String> caveats) {
        return Failure.of(Reason.VALIDATION, "caveats are not supported by the local evaluator; the schema uses "
                        + String.join(", ", caveats.stream().sorted().toList()))
                .withDetail(CODE, CAVEATS_UNSUPPORTED)
                .withDetail("caveats", List.copyOf(caveats.stream().sorted().toList()));
    }

    static Failure aborted(String why) {
        return Failure.of(Reason.INVALID_STATE, "cannot decide the permission: " + why)
                .withDetail(CODE, EVALUATION_ABORTED);
    }

    static Failure unknownType(String type) {
        return Failure.of(Reason.VALIDATION, "the schema has no definition '" + type + "'");
    }
}
