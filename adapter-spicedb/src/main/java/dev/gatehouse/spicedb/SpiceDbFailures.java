package dev.gatehouse.spicedb;

import dev.gatehouse.core.authorization.AuthorizationFailures;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a SpiceDB error means to the core. Errors about the request (invalid argument, failed
 * precondition, duplicate create) keep their meaning; everything else (unavailable, deadline,
 * SpiceDB rejecting our credentials, internal errors) is {@link Reason#UNAVAILABLE} with the code
 * {@link #UNAVAILABLE} (our own misconfiguration must not look like the API caller's 401). Every failure is
 * logged: callers deny on it, and an operator needs to see why.
 */
final class SpiceDbFailures {
    /** The {@code code} detail of a failure caused by SpiceDB not answering usefully. */
    static final String UNAVAILABLE = "authorizer_unavailable";
    /** The {@code code} detail of an answer the adapter does not understand (denied). */
    static final String UNKNOWN_ANSWER = "authorizer_unknown_answer";
    static final String GRPC_STATUS = "grpc_status";

    private static final Logger LOG = LoggerFactory.getLogger(SpiceDbAuthorizer.class);

    private SpiceDbFailures() {
    }

    static Failure fromStatus(String call, Status status) {
        String description = status.getDescription() == null ? "" : status.getDescription();
        Failure failure = switch (status.getCode()) {
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE ->
                    Failure.of(Reason.VALIDATION, "SpiceDB rejected the request: " + description);
            case ALREADY_EXISTS -> Failure.conflict("SpiceDB: " + description);
            case NOT_FOUND -> Failure.of(Reason.VALIDATION, "SpiceDB: " + description);
            case RESOURCE_EXHAUSTED -> Failure.of(Reason.RATE_LIMITED, "SpiceDB is overloaded: " + description);
            default -> Failure.of(Reason.UNAVAILABLE, "the authorization service did not answer ("
                    + status.getCode() + ")").withDetail(AuthorizationFailures.CODE, UNAVAILABLE);
        };
        failure = failure.withDetail(GRPC_STATUS, status.getCode().name());
        if (failure.reason() == Reason.VALIDATION || failure.reason() == Reason.CONFLICT) {
            LOG.info("SpiceDB {} refused: {} {}", call, status.getCode(), description);
        } else {
            LOG.warn("SpiceDB {} failed, denying: {} {}", call, status.getCode(), description, status.getCause());
        }
        return failure;
    }

    static Failure unknownAnswer(String call, Object answer) {
        LOG.warn("SpiceDB {} gave an answer this adapter does not accept, denying: {}", call, answer);
        return Failure.of(Reason.UNAVAILABLE, "the authorization service gave an unusable answer: " + answer)
                .withDetail(AuthorizationFailures.CODE, UNKNOWN_ANSWER);
    }

    static Failure unexpected(String call, RuntimeException e) {
        LOG.warn("SpiceDB {} failed unexpectedly, denying", call, e);
        return Failure.of(Reason.UNAVAILABLE, "the authorization service call failed: " + e.getClass().getSimpleName())
                .withDetail(AuthorizationFailures.CODE, UNAVAILABLE);
    }
}
