package dev.gatehouse.http;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static dev.gatehouse.http.ErrorResponsesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The input rules of ADR 20 over HTTP: one JSON reading policy, no control characters, URL and header limits. */
@MicronautTest
class InputRulesTest extends AdminApiTestBase {
    private void assertFieldError(Api.Response r, String field, String messagePart) {
        assertProblem(r, 422, "validation_failed");
        assertThat(r.json().path("errors").path(field).path(0).asText()).as(r.body()).contains(messagePart);
    }

    @Nested
    class NoCoercion {
        @Test
        void aNumberOrBooleanIsNoString() {
            assertFieldError(api.postJson("/api/v1/organizations", "{\"name\":12345}", token), "name", "must be a string");
            assertFieldError(api.postJson("/api/v1/organizations", "{\"name\":true}", token), "name", "must be a string");
            assertFieldError(api.postJson("/api/v1/organizations", "{\"name\":1e400}", token), "name", "must be a string");
        }

        @Test
        void aNumberOrStringIsNoBoolean() {
            String base = "{\"email\":\"coerce@example.com\",\"password\":\"long-enough-pw\",\"platform_admin\":";
            assertFieldError(api.postJson("/api/v1/users", base + "1}", token), "platform_admin", "must be a boolean");
            assertFieldError(api.postJson("/api/v1/users", base + "\"true\"}", token), "platform_admin", "must be a boolean");
        }

        @Test
        void aFractionOrStringIsNoInteger() {
            String base = "{\"resource_type\":\"project\",\"permission\":\"projects_read\",\"subject\":{\"type\":\"user\",\"id\":\"u\"},\"limit\":";
            assertFieldError(api.postJson("/api/v1/authz/lookup-resources", base + "1.5}", token), "limit", "must be an integer");
            assertFieldError(api.postJson("/api/v1/authz/lookup-resources", base + "\"10\"}", token), "limit", "must be an integer");
        }

        @Test
        void aSingleValueIsNoArray() {
            var org = api.postJson("/api/v1/organizations", "{\"name\":\"Arrays\"}", token).json().at("/data/id").asText();
            assertFieldError(api.postJson("/api/v1/api-keys",
                    "{\"organization_id\":\"" + org + "\",\"name\":\"k\",\"scopes\":\"projects:read\"}", token), "scopes", "must be an array");
        }
    }

    @Nested
    class NumbersOutOfRange {
        @Test
        void overflowingIntegersAre422NamingTheField() {
            String base = "{\"resource_type\":\"project\",\"permission\":\"projects_read\",\"subject\":{\"type\":\"user\",\"id\":\"u\"},\"limit\":";
            assertFieldError(api.postJson("/api/v1/authz/lookup-resources", base + "99999999999}", token), "limit", "out of range");
            assertFieldError(api.postJson("/api/v1/authz/lookup-resources", base + "1e400}", token), "limit", "must be an integer");
        }

        @Test
        void aHugeQuantityIs422NotA500() {
            var r = api.postJson("/api/v1/entitlements/usage", "{\"feature\":\"api_calls\",\"quantity\":1e400}", token);
            assertFieldError(r, "quantity", "too large");
            r = api.postJson("/api/v1/entitlements/usage", "{\"feature\":\"api_calls\",\"quantity\":123456789012345678901234567890}", token);
            assertFieldError(r, "quantity", "too large");
        }
    }

    @Nested
    class Shape {
        @Test
        void aRootThatIsNotAnObjectIs422() {
            assertFieldError(api.postJson("/api/v1/organizations", "[{\"name\":\"Wrapped\"}]", token), "body", "must be a JSON object");
            assertFieldError(api.postJson("/api/v1/organizations", "\"Wrapped\"", token), "body", "must be a JSON object");
            assertFieldError(api.postJson("/api/v1/organizations", "42", token), "body", "must be a JSON object");
            assertFieldError(api.postJson("/api/v1/organizations", "null", token), "body", "must be a JSON object");
            assertFieldError(api.postJson("/api/v1/organizations", " null ", token), "body", "must be a JSON object");
            assertThat(api.get("/api/v1/organizations?search=Wrapped", token).json().at("/meta/total").asInt()).isZero();
        }

        @Test
        void anExplicitNullForARequiredFieldIs422NamingTheField() {
            assertThat(api.postJson("/api/v1/organizations", "{\"name\":null}", token).json().path("errors").has("name")).isTrue();
            assertProblem(api.postJson("/api/v1/organizations", "{\"name\":null}", token), 422, "validation_failed");
            assertProblem(api.postJson("/api/v1/users", "{\"email\":null,\"password\":\"long-enough-pw\"}", token), 422,
                    "validation_failed");
            // an optional field's null means what its absence means
            var created = api.postJson("/api/v1/organizations", "{\"name\":\"Nulls too\",\"slug\":null}", token);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().at("/data/slug").asText()).isEqualTo("nulls-too");
        }

        @Test
        void contentAfterTheObjectIs400InvalidJson() {
            assertProblem(api.postJson("/api/v1/organizations", "{\"name\":\"Trailing\"} {\"name\":\"Again\"}", token), 400, "invalid_json");
            assertProblem(api.postJson("/api/v1/organizations", "{\"name\":\"Trailing\"}garbage", token), 400, "invalid_json");
            assertProblem(api.postJson("/api/v1/organizations", "{\"name\":\"Trailing\"}]", token), 400, "invalid_json");
            assertThat(api.get("/api/v1/organizations?search=Trailing", token).json().at("/meta/total").asInt()).isZero();
        }

        @Test
        void aBodyWithoutTheJsonContentTypeIs415() {
            var r = api.send(api.request("/api/v1/organizations").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Untyped\"}")).build());
            assertProblem(r, 415, "unsupported_media_type");
            r = api.send(api.request("/api/v1/organizations").header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Typed\"}")).build());
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
    }

    @Nested
    class ControlCharacters {
        @Test
        void nulAndOtherControlCharactersInNamesAre422() {
            for (String bad : new String[]{"a\\u0000b", "forged\\r\\nINFO line", "esc\\u001b[31m", "del\\u007f"}) {
                assertFieldError(api.postJson("/api/v1/organizations", "{\"name\":\"" + bad + "\"}", token), "name", "control characters");
            }
        }

        @Test
        void descriptionsMayHoldLineBreaksButNotNul() {
            String org = api.postJson("/api/v1/organizations", "{\"name\":\"Multi\"}", token).json().at("/data/id").asText();
            var ok = api.postJson("/api/v1/projects",
                    "{\"organization_id\":\"" + org + "\",\"name\":\"P\",\"description\":\"line one\\nline two\\tend\"}", token);
            assertThat(ok.status()).as(ok.body()).isEqualTo(201);
            assertThat(ok.json().at("/data/description").asText()).isEqualTo("line one\nline two\tend");
            assertFieldError(api.postJson("/api/v1/projects",
                    "{\"organization_id\":\"" + org + "\",\"name\":\"Q\",\"description\":\"nul\\u0000\"}", token), "description", "control");
            assertFieldError(api.postJson("/api/v1/projects",
                    "{\"organization_id\":\"" + org + "\",\"name\":\"R\\nS\"}", token), "name", "control characters");
        }

        @Test
        void controlCharactersInArraysAndFreeFormDataAre422NamingTheField() {
            String org = api.postJson("/api/v1/organizations", "{\"name\":\"Data\"}", token).json().at("/data/id").asText();
            assertFieldError(api.postJson("/api/v1/api-keys",
                    "{\"organization_id\":\"" + org + "\",\"name\":\"k\",\"scopes\":[\"projects:read\\u0000\"]}", token), "scopes.0", "control");
            var r = api.postJson("/api/v1/entitlements/usage",
                    "{\"feature\":\"api_calls\",\"organization_id\":\"" + org + "\",\"metadata\":{\"k\":\"v\\u0000\"}}", token);
            assertProblem(r, 422, "validation_failed");
            assertThat(r.body()).contains("control characters");
        }

        @Test
        void queryFiltersWithControlCharactersAre422NamingTheParameter() {
            assertFieldError(api.get("/api/v1/organizations?search=a%00b", token), "search", "control characters");
            assertFieldError(api.get("/api/v1/users?status=active%0D%0A", token), "status", "control characters");
            assertFieldError(api.get("/api/v1/audit-events?actor=%00", token), "actor", "control characters");
        }
    }

    @Nested
    class Limits {
        @Test
        void aUrlOver8KiBIs414() {
            String longQuery = "/api/v1/organizations?search=" + "a".repeat(9000);
            assertProblem(api.get(longQuery, token), 414, "uri_too_long");
            assertProblem(api.get("/api/v1/organizations?search=" + "a".repeat(20000), token), 414, "uri_too_long");
            var fits = api.get("/api/v1/organizations?x=" + "a".repeat(8000), token);
            assertThat(fits.status()).as(fits.body()).isEqualTo(200);
        }

        @Test
        void oversizedHeadersAre431() {
            var r = api.send(api.request("/api/v1/organizations").header("Authorization", "Bearer " + token)
                    .header("X-Padding", "p".repeat(100_000)).GET().build());
            assertProblem(r, 431, "headers_too_large");
        }

        @Test
        void aPathIdThatDoesNotDecodeIs404() throws Exception {
            for (String path : new String[]{"/api/v1/organizations/%ZZ", "/api/v1/projects/prj_%ZZ", "/api/v1/organizations/%"}) {
                String response = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nConnection: close\r\n\r\n");
                assertThat(response).as(path).startsWith("HTTP/1.1 404").contains("\"error\":\"not_found\"");
            }
        }

        /** A request the JDK client would refuse to send (it validates URIs). */
        private String raw(String request) throws Exception {
            try (Socket socket = new Socket(server.getHost(), server.getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
