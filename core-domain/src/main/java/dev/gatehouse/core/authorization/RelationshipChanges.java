package dev.gatehouse.core.authorization;

/**
 * The feed a {@link RelationshipIndex} keeps itself consistent with: every committed change of the
 * stored relationships, named by the objects it touched, in commit order; and freshness marks, which
 * prove that every change committed before the mark was asked for has been delivered. PostgreSQL
 * implements it with LISTEN/NOTIFY (the writer notifies in its transaction, so a change is announced
 * exactly when it commits; a mark is a notification the feed sends itself and waits to hear back).
 */
public interface RelationshipChanges extends AutoCloseable {

    /** Starts delivering to {@code listener}; called once. */
    void start(Listener listener);

    /**
     * Asks for a freshness mark: {@link Listener#marked} is called with {@code id} once every change
     * committed before this call has been delivered. Never blocks on the database.
     */
    void mark(long id);

    /**
     * Whether the calling thread is inside a database transaction: its reads must go to the database
     * (its snapshot, its own uncommitted writes), not to an index.
     */
    boolean inTransaction();

    @Override
    void close();

    /** Receives the feed, on the feed's thread (and, for this process's own commits, the writer's). */
    interface Listener {
        /**
         * Change {@code revision} committed; it touched these objects ({@code type:id}, as resource or
         * as subject of a relationship). {@code everything}: too many to name, anything may have changed.
         */
        void changed(long revision, java.util.Collection<String> objects, boolean everything);

        /** The mark asked for with {@code id}. */
        void marked(long id);

        /**
         * The feed was interrupted (a reconnect): changes may have been missed, so nothing held may be
         * trusted; called after the feed listens again, before anything it delivers next.
         */
        void reset();
    }
}
