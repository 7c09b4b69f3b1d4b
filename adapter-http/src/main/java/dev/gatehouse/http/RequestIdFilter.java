package dev.gatehouse.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Gives every request an id: a valid incoming {@code X-Request-ID} is kept, anything else replaced.
 * The id goes on every response (errors included), into the SLF4J MDC as {@code request_id} for
 * every thread that works on the request ({@link RequestIdMdc}), and into audit events through the
 * {@code Origin}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements Ordered {

    @RequestFilter
    void assign(HttpRequest<?> request, MutablePropagatedContext propagated) {
        String incoming = request.getHeaders().get(RequestIds.HEADER);
        String id = RequestIds.valid(incoming) ? incoming : RequestIds.generate();
        request.setAttribute(RequestIds.ATTRIBUTE, id);
        propagated.add(new RequestIdMdc(id));
    }

    @ResponseFilter
    void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set(RequestIds.HEADER, RequestIds.of(request));
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
