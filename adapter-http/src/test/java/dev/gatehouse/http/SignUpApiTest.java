package dev.gatehouse.http;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Open sign-up over HTTP: one answer for every address, unverified logins refused, limits per client address. */
@MicronautTest
@Property(name = "gatehouse.signup", value = "open")
class SignUpApiTest extends ApiTestBase {
    private static String body(String email, String name, String password) {
        return "{\"email\":\"" + email + "\",\"name\":\"" + name + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void everyAddressGetsTheSameAnswerAndAnUnverifiedAccountCannotSignIn() {
        var fresh = api.postJson("/api/v1/auth/signup", body("Zed@Example.com", "Zed", "zed's long password"), null);
        assertThat(fresh.status()).isEqualTo(202);
        assertThat(fresh.body()).isEqualTo("{\"data\":{\"email\":\"zed@example.com\"}}");
        var existing = api.postJson("/api/v1/auth/signup", body(TestGatehouseFactory.ADMIN_EMAIL, "Mallory", "mallory's password"), null);
        assertThat(existing.status()).isEqualTo(202);
        assertThat(existing.body()).isEqualTo("{\"data\":{\"email\":\"" + TestGatehouseFactory.ADMIN_EMAIL + "\"}}");

        var login = api.postJson("/api/v1/auth/login", "{\"email\":\"zed@example.com\",\"password\":\"zed's long password\"}", null);
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.header("Content-Type")).startsWith("application/problem+json");
        assertThat(login.body()).contains("\"error\":\"email_not_verified\"");

        var invalid = api.postJson("/api/v1/auth/signup", body("nope", "", "short"), null);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body()).contains("\"email\"").contains("\"name\"").contains("\"password\"");
    }

    @Test
    void verificationIsRateLimitedPerClientAddress() {
        String unknown = "{\"token\":\"" + "y".repeat(40) + "\"}";
        for (int i = 0; i < 33; i++) {
            var r = api.postJson("/api/v1/auth/verify-email", unknown, null);
            assertThat(r.status()).as("request %d", i + 1).isEqualTo(404);
            assertThat(r.header("RateLimit-Policy")).startsWith("\"signup\"");
        }
        var limited = api.postJson("/api/v1/auth/verify-email", unknown, null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).contains("\"error\":\"rate_limit_exceeded\"");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
    }
}
