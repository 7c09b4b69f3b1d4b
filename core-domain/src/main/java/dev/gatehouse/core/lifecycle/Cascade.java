package dev.gatehouse.core.lifecycle;

import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one way an ending reaches everything beneath it: every registered {@link Dependent}, in
 * registration order. A use case calls {@link #run} inside its transaction and {@link #settle} after
 * it committed. Dependents are registered while the embedding facade is wired, before any use.
 */
public final class Cascade {
    private final List<Dependent> dependents = new CopyOnWriteArrayList<>();

    public Cascade register(Dependent dependent) {
        dependents.add(java.util.Objects.requireNonNull(dependent, "dependent"));
        return this;
    }

    /**
     * A dependent could not stop something because a port failed (the authorization system is
     * unavailable, …): the ending fails with that failure and its transaction rolls back.
     */
    public static final class Refused extends RuntimeException {
        private final transient Failure failure;

        public Refused(Failure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /**
     * Inside the ending's transaction; a failure (a {@link Refused} dependent) must fail the
     * transaction (return it as the use case's result, which rolls back).
     */
    public Result<Void> run(Ending ending) {
        try {
            for (Dependent d : dependents) {
                d.end(ending);
            }
            return Result.ok(null);
        } catch (Refused r) {
            return Result.fail(r.failure());
        }
    }

    /** Throws {@link Refused} for a failed port result, so a dependent can stop at the first failure. */
    public static <T> T orRefuse(Result<T> result) {
        if (!result.isOk()) {
            throw new Refused(result.failure());
        }
        return result.value();
    }

    /** After the ending's transaction committed. */
    public void settle(Ending ending) {
        for (Dependent d : dependents) {
            try {
                d.settled(ending);
            } catch (RuntimeException ignored) {
                // a cache that could not be dropped expires by itself; the commit stands
            }
        }
    }
}
