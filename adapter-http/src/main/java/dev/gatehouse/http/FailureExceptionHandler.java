package dev.gatehouse.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turns a use case's failure into its problem response. */
@Singleton
@Requires(classes = ExceptionHandler.class)
final class FailureExceptionHandler implements ExceptionHandler<FailureException, HttpResponse<?>> {
    private final Problems problems;

    FailureExceptionHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    @SuppressWarnings("rawtypes") // the interface declares a raw HttpRequest
    public HttpResponse<?> handle(HttpRequest request, FailureException exception) {
        return problems.response(request, exception.failure());
    }
}
