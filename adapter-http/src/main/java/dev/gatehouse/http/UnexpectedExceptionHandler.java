package dev.gatehouse.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import jakarta.inject.Singleton;

/**
 * Every exception no more specific handler takes (Micronaut keeps its own for bad input, and
 * {@link FailureExceptionHandler} takes the use cases' failures) goes to
 * {@link ProblemErrorResponseProcessor} as a 500 with its cause: that turns a dependency outage into
 * a 503 with one WARN line, a request whose client has gone into one INFO line, and anything else
 * into a 500 logged once with its stack. Without this handler the framework logged each of them at
 * ERROR with a stack trace first ("Unexpected error occurred"), outages and gone clients included.
 */
@Singleton
@Requires(classes = ExceptionHandler.class)
final class UnexpectedExceptionHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {
    private final ProblemErrorResponseProcessor problems;

    UnexpectedExceptionHandler(ProblemErrorResponseProcessor problems) {
        this.problems = problems;
    }

    @Override
    @SuppressWarnings("rawtypes") // the interface declares a raw HttpRequest
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
        return problems.processResponse(ErrorContext.builder(request).cause(exception).build(), HttpResponse.serverError());
    }
}
