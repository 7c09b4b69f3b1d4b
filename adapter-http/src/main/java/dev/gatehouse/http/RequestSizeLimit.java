package dev.gatehouse.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * Applies {@code gatehouse.http.max-request-size} (default 1 MiB, the API contract) to the server,
 * so the limit holds whatever {@code micronaut.server.max-request-size} bootstrap sets: larger bodies
 * are refused with 413, with or without a Content-Length. Netty's request line limit leaves room for
 * a URL of {@value InputRules#MAX_URL_LENGTH} characters (longer ones: 414 from {@link InputRules},
 * or from Netty's decoder); its header block limit stays 8 KiB (more: 431).
 */
@Singleton
final class RequestSizeLimit implements BeanCreatedEventListener<HttpServerConfiguration> {
    /** The method, two spaces and the protocol version around the URL in the request line. */
    private static final int REQUEST_LINE_OVERHEAD = 32;
    static final int MAX_HEADER_BLOCK = 8192;
    private final HttpSettings settings;

    RequestSizeLimit(HttpSettings settings) {
        this.settings = settings;
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration configuration = event.getBean();
        configuration.setMaxRequestSize(settings.maxRequestSize());
        if (configuration instanceof NettyHttpServerConfiguration netty) {
            netty.setMaxInitialLineLength(InputRules.MAX_URL_LENGTH + REQUEST_LINE_OVERHEAD);
            netty.setMaxHeaderSize(MAX_HEADER_BLOCK);
        }
        return configuration;
    }
}
