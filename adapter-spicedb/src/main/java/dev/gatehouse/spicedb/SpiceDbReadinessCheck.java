package dev.gatehouse.spicedb;

import dev.gatehouse.core.shared.ReadinessCheck;
import dev.gatehouse.core.shared.Result;

import java.time.Duration;

/**
 * Readiness of SpiceDB: {@code ReadSchema} answered within {@link #TIMEOUT} with a schema. The gRPC
 * deadline bounds the call, so no thread of its own is needed; nothing escapes as an exception.
 */
final class SpiceDbReadinessCheck implements ReadinessCheck {
    static final Duration TIMEOUT = Duration.ofMillis(800);

    private final SpiceDbAuthorizer authorizer;

    SpiceDbReadinessCheck(SpiceDbAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public String name() {
        return "authorization";
    }

    @Override
    public Status check() {
        try {
            long started = System.nanoTime();
            Result<String> schema = authorizer.readSchema(TIMEOUT);
            if (!schema.isOk()) {
                return Status.down("SpiceDB: " + schema.failure().message()
                        + " " + schema.failure().details().getOrDefault(SpiceDbFailures.GRPC_STATUS, ""));
            }
            if (schema.value().isBlank()) {
                return Status.down("SpiceDB answers but holds no schema");
            }
            return Status.up("SpiceDB ReadSchema in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (RuntimeException e) {
            return Status.down("SpiceDB: " + e.getClass().getSimpleName());
        }
    }
}
