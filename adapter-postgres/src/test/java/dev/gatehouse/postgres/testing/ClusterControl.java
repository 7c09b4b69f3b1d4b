package dev.gatehouse.postgres.testing;

/**
 * Outages on demand, for a test class that has a PostgreSQL cluster of its own
 * ({@link TestPostgres#withOwnCluster()}): stopping or freezing it disturbs no other test.
 * Every method returns once the server is in the new state.
 */
public interface ClusterControl {
    /** Shuts the server down ({@code pg_ctl stop -m fast}: open sessions end with {@code 57P01}); data is kept. */
    void shutDown();

    /** Starts a shut-down server again on the same port. */
    void restart();

    /**
     * Freezes the server with SIGSTOP (postmaster and every backend): connections stay open and new
     * TCP connections are still accepted by the kernel, but nothing answers, as with a hung host.
     */
    void pause();

    /** SIGCONT: a paused server runs on from where it stopped. */
    void resume();
}
