package dev.gatehouse.spicedb;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.contract.AuthorizerContract;
import dev.gatehouse.spicedb.testing.Eventually;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shared {@link Authorizer} contract for {@link SpiceDbAuthorizer}, over real gRPC (in-process
 * transport, bearer token required) against {@link TestSpiceDb}.
 */
class SpiceDbAuthorizerTest extends AuthorizerContract {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));
    private final List<AutoCloseable> opened = new ArrayList<>();

    @Override
    protected Authorizer authorizer(String schema) {
        TestSpiceDb server = TestSpiceDb.inProcess(Optional.of(TestSpiceDb.TOKEN), clock);
        opened.add(server);
        SpiceDbConnection connection = SpiceDbConnection.over(server.inProcessChannel(), Optional.of(TestSpiceDb.TOKEN));
        opened.add(connection);
        var started = SpiceDbAdapter.start(connection, Eventually.GENEROUS, Optional.of(schema));
        if (!started.isOk()) {
            throw new IllegalStateException(started.failure().toString());
        }
        return started.value();
    }

    @Override
    protected Instant now() {
        return clock.instant();
    }

    @Override
    protected void advanceClock(Duration d) {
        clock.advance(d);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
    }
}
