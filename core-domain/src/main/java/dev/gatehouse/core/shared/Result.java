package dev.gatehouse.core.shared;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of a use case: a value or an expected {@link Failure}. Exceptions are reserved for
 * bugs and broken invariants.
 */
public sealed interface Result<T> permits Result.Ok, Result.Err {

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> fail(Failure failure) {
        return new Err<>(failure);
    }

    static <T> Result<T> fail(Reason reason, String message) {
        return new Err<>(Failure.of(reason, message));
    }

    boolean isOk();

    /** The value; throws {@link IllegalStateException} on a failure (a bug in the caller). */
    T value();

    /** The failure; throws {@link IllegalStateException} on success. */
    Failure failure();

    default <U> Result<U> map(Function<? super T, ? extends U> f) {
        return isOk() ? ok(f.apply(value())) : fail(failure());
    }

    default <U> Result<U> flatMap(Function<? super T, Result<U>> f) {
        return isOk() ? f.apply(value()) : fail(failure());
    }

    record Ok<T>(T value) implements Result<T> {
        public boolean isOk() {
            return true;
        }

        public Failure failure() {
            throw new IllegalStateException("no failure in a success");
        }
    }

    record Err<T>(Failure failure) implements Result<T> {
        public Err {
            Objects.requireNonNull(failure, "failure");
        }

        public boolean isOk() {
            return false;
        }

        public T value() {
            throw new IllegalStateException("no value in a failure: " + failure);
        }
    }
}
