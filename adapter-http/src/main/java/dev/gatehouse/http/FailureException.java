package dev.gatehouse.http;

import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

/**
 * Carries an expected failure out of a controller to {@link FailureExceptionHandler}; controllers
 * stay linear ({@code value(result)}) and the mapping stays in one place. No stack trace: it is not
 * a bug.
 */
final class FailureException extends RuntimeException {
    private final transient Failure failure;

    FailureException(Failure failure) {
        super(failure.reason() + ": " + failure.message(), null, false, false);
        this.failure = failure;
    }

    Failure failure() {
        return failure;
    }

    static <T> T value(Result<T> result) {
        if (!result.isOk()) {
            throw new FailureException(result.failure());
        }
        return result.value();
    }

    static FailureException notFound(String what) {
        return new FailureException(Failure.notFound(what));
    }
}
