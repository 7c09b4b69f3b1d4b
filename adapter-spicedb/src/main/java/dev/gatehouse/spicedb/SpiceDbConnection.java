package dev.gatehouse.spicedb;

import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The gRPC channel to SpiceDB, with the bearer token attached; closed with the application context. */
final class SpiceDbConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpiceDbConnection.class);

    private final ManagedChannel managed;
    private final Channel channel;

    private SpiceDbConnection(ManagedChannel managed, Optional<String> token) {
        this.managed = managed;
        this.channel = token.isPresent() ? ClientInterceptors.intercept(managed, new BearerToken(token.get())) : managed;
    }

    /**
     * Connects (lazily, as gRPC does) to {@code endpoint} ({@code host:port} or a gRPC target URI), over
     * TLS with the JVM's trust store unless {@code insecure}.
     */
    static SpiceDbConnection open(String endpoint, Optional<String> token, boolean insecure) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("gatehouse.spicedb.endpoint is required when gatehouse.authorizer=spicedb");
        }
        if (insecure && token.isPresent()) {
            LOG.warn("gatehouse.spicedb.insecure=true: the SpiceDB token travels in plaintext to {}", endpoint);
        }
        if (token.isEmpty()) {
            LOG.warn("gatehouse.spicedb.token is not set: calls to SpiceDB at {} carry no credentials", endpoint);
        }
        ChannelCredentials credentials = insecure ? InsecureChannelCredentials.create() : TlsChannelCredentials.create();
        return new SpiceDbConnection(Grpc.newChannelBuilder(endpoint, credentials).build(), token);
    }

    static SpiceDbConnection over(ManagedChannel managed, Optional<String> token) {
        return new SpiceDbConnection(managed, token);
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void close() {
        managed.shutdown();
        try {
            if (!managed.awaitTermination(5, TimeUnit.SECONDS)) {
                managed.shutdownNow();
            }
        } catch (InterruptedException e) {
            managed.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
