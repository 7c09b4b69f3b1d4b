package dev.gatehouse.core.shared;

import java.util.ArrayList;
import java.util.List;

/**
 * Cancelling the work of a request whose caller has gone (ADR 0044). The inbound adapter
 * {@link #open opens} a {@link Scope} per request, makes it current on every thread that works on the
 * request ({@link #attach}, undone by {@link #restore}: the HTTP adapter does so through the
 * framework's context propagation, so the scope follows the request across threads), {@link Scope#cancel
 * cancels} it from wherever it learns that the caller has gone (the HTTP adapter: when the client's
 * connection closes) and {@link Scope#end ends} it when the request's work is done. Outbound adapters
 * register what stops their blocking work while it runs ({@link #onCancel}: the PostgreSQL adapter
 * cancels the running statement), and refuse to start new work in a cancelled scope
 * ({@link #cancelled}). Outside a scope nothing is ever cancelled: jobs and tests run as before.
 */
public final class Cancellation {
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    private static final Registration NOTHING = () -> { };

    private Cancellation() {
    }

    /** A registration of an action; closing it (when the work is done) removes the action. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** A new scope, current on no thread yet. */
    public static Scope open() {
        return new Scope();
    }

    /**
     * Makes {@code scope} the current thread's and returns the scope it replaces (null when none), to
     * be given back to {@link #restore} when this thread's part of the work is done.
     */
    public static Scope attach(Scope scope) {
        Scope previous = CURRENT.get();
        CURRENT.set(scope);
        return previous;
    }

    /** Puts back what {@link #attach} replaced (null: no scope). */
    public static void restore(Scope previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** Whether the current thread's scope has been cancelled: new work should not start. */
    public static boolean cancelled() {
        Scope scope = CURRENT.get();
        return scope != null && scope.isCancelled();
    }

    /**
     * Runs {@code action} if the current thread's scope is cancelled while the registration is open
     * (at once, on this thread, when it already is); nothing outside a scope. The action runs on the
     * thread that cancels, so it must be quick and must not throw.
     */
    public static Registration onCancel(Runnable action) {
        Scope scope = CURRENT.get();
        return scope == null ? NOTHING : scope.register(action);
    }

    /** The cancellation of one request's work. Thread-safe. */
    public static final class Scope {
        private final List<Runnable> actions = new ArrayList<>(2);
        private boolean cancelled;
        private boolean closed;

        private Scope() {
        }

        /** Cancels: runs every registered action once, and every one registered from now on at once. */
        public void cancel() {
            List<Runnable> run;
            synchronized (this) {
                if (cancelled || closed) {
                    return;
                }
                cancelled = true;
                run = List.copyOf(actions);
                actions.clear();
            }
            run.forEach(Runnable::run);
        }

        public synchronized boolean isCancelled() {
            return cancelled;
        }

        /** Ends the scope: its work is done, and cancelling it later runs nothing. */
        public synchronized void end() {
            closed = true;
            actions.clear();
        }

        private Registration register(Runnable action) {
            synchronized (this) {
                if (!cancelled) {
                    if (closed) {
                        return NOTHING;
                    }
                    actions.add(action);
                    return () -> {
                        synchronized (this) {
                            actions.remove(action);
                        }
                    };
                }
            }
            action.run();
            return NOTHING;
        }
    }
}
