package dev.gatehouse.http;

import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class FailureMappingTest {

    @ParameterizedTest
    @CsvSource({
            "VALIDATION, 422, validation_failed",
            "NOT_FOUND, 404, not_found",
            "CONFLICT, 409, conflict",
            "FORBIDDEN, 403, access_denied",
            "UNAUTHENTICATED, 401, unauthorized",
            "INVALID_STATE, 409, conflict",
            "LIMIT_REACHED, 403, feature_limit_reached",
            "RATE_LIMITED, 429, rate_limit_exceeded",
            "UNAVAILABLE, 503, service_unavailable"})
    void mapsEachReasonToItsStatusAndCode(Reason reason, int status, String code) {
        Problem p = Problems.fromFailure(Failure.of(reason, "why"));
        assertThat(p.status()).isEqualTo(status);
        assertThat(p.code()).isEqualTo(code);
        assertThat(p.detail()).isEqualTo("why");
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyReasonIsMappedToAClientErrorOrAnUnavailableDependency(Reason reason) {
        int status = Problems.fromFailure(Failure.of(reason, "x")).status();
        // 503 only for a dependency that did not answer; every other expected failure is the client's.
        if (reason == Reason.UNAVAILABLE) {
            assertThat(status).isEqualTo(503);
        } else {
            assertThat(status).isBetween(400, 499);
        }
    }

    @org.junit.jupiter.api.Test
    void carriesCodeSpecificMembersAndFieldErrors() {
        Failure limit = Failure.of(Reason.LIMIT_REACHED, "Seat limit reached.").withDetail("feature", "seats")
                .withDetail("limit", 5).withDetail("current_usage", 5).withDetail("upgrade_url", "https://example.com/upgrade");
        var members = Problems.fromFailure(limit).members("req-1");
        assertThat(members).containsEntry("feature", "seats").containsEntry("limit", 5).containsEntry("current_usage", 5)
                .containsEntry("upgrade_url", "https://example.com/upgrade").containsEntry("request_id", "req-1")
                .containsEntry("error", "feature_limit_reached");
        var invalid = Problems.fromFailure(Failure.invalid("email", "is required")).members("req-2");
        assertThat(invalid).containsKey("errors");
    }
}
