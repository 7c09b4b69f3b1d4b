package dev.gatehouse.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * Applies {@code gatehouse.http.max-request-size} (default 1 MiB, the API contract) to the server,
 * so the limit holds whatever {@code micronaut.server.max-request-size} bootstrap sets: larger bodies
 * are refused with 413, with or without a Content-Length.
 */
@Singleton
final class RequestSizeLimit implements BeanCreatedEventListener<HttpServerConfiguration> {
    private final HttpSettings settings;

    RequestSizeLimit(HttpSettings settings) {
        this.settings = settings;
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration configuration = event.getBean();
        configuration.setMaxRequestSize(settings.maxRequestSize());
        return configuration;
    }
}
