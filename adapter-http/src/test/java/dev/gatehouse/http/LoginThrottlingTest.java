package dev.gatehouse.http;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Its own context: the throttle remembers client addresses, which would lock out other tests' logins. */
@MicronautTest
@Property(name = "gatehouse.http.trust-forwarded-for", value = "true")
class LoginThrottlingTest extends ApiTestBase {
    private Api.Response login(String email, String password, String clientIp) {
        return api.send(api.request("/api/v1/auth/login").header("Content-Type", "application/json")
                .header("X-Forwarded-For", clientIp + ", 10.0.0.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                .build());
    }

    @Test
    void repeatedFailuresAreThrottledWith429AndRetryAfter() {
        Api.Response last = null;
        for (int i = 0; i < 6; i++) {
            last = login("throttled@example.com", "wrong-password-" + i, "203.0.113.7");
        }
        ErrorResponsesTest.assertProblem(last, 429, "rate_limit_exceeded");
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
        assertThat(last.json().path("retry_after").asLong()).isPositive();
    }

    @Test
    void aTrustedForwardedForKeepsOtherClientsUnaffected() {
        for (int i = 0; i < 6; i++) {
            login("victim@example.com", "wrong-password-" + i, "198.51.100.9");
        }
        var r = login(TestGatehouseFactory.ADMIN_EMAIL, TestGatehouseFactory.ADMIN_PASSWORD, "192.0.2.44");
        assertThat(r.status()).isEqualTo(200);
    }
}
