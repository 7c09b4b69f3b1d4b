package dev.gatehouse.core.shared;

import java.util.ArrayList;
import java.util.List;

/**
 * Cancelling the work of a request whose caller has gone (ADR 0044). A request runs on one thread
 * (ADR 0037); its inbound adapter {@link #enter enters} a {@link Scope} on that thread and
 * {@link Scope#cancel cancels} it from wherever it learns that the caller has gone (the HTTP adapter:
 * when the client's connection closes). Outbound adapters register what stops their blocking work
 * while it runs ({@link #onCancel}: the PostgreSQL adapter cancels the running statement), and refuse
 * to start new work in a cancelled scope ({@link #cancelled}). Outside a scope nothing is ever
 * cancelled: jobs and tests run as before.
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

    /** Makes a new scope the current thread's, replacing any earlier one, and returns it. */
    public static Scope enter() {
        Scope scope = new Scope();
        CURRENT.set(scope);
        return scope;
    }

    /** Ends {@code scope}: it is no longer the thread's, and cancelling it later runs nothing. */
    public static void leave(Scope scope) {
        if (CURRENT.get() == scope) {
            CURRENT.remove();
        }
        scope.close();
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

        private synchronized void close() {
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
