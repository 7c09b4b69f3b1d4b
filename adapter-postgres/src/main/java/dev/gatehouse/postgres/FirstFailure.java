package dev.gatehouse.postgres;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps the exception that ended a unit of work when the connection or transaction template's
 * clean-up fails after it. When the database goes away mid-statement, pgjdbc reports the I/O error
 * and the pool closes the broken connection; the template then fails to reset auto-commit on the
 * closed connection ("Connection is closed", no SQLState) and that second exception would replace
 * the first, hiding why the work failed. {@link #resolve} throws the first one, with the clean-up's
 * attached as suppressed. One instance per call.
 */
final class FirstFailure {
    private RuntimeException first;

    <T> T track(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            first = e;
            throw e;
        }
    }

    /** What to throw for {@code thrown}, an exception out of the template. */
    RuntimeException resolve(RuntimeException thrown) {
        RuntimeException original = first;
        if (original == null || original == thrown || causes(thrown, original)) {
            return thrown;
        }
        original.addSuppressed(thrown);
        return original;
    }

    private static boolean causes(Throwable outer, Throwable inner) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = outer; c != null && seen.put(c, true) == null; c = c.getCause()) {
            if (c == inner) {
                return true;
            }
        }
        return false;
    }
}
