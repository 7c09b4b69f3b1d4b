package dev.gatehouse.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
@Property(name = "test.probes", value = "true")
class ErrorResponsesTest extends AdminApiTestBase {
    static void assertProblem(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        var json = r.json();
        assertThat(json.path("status").asInt()).isEqualTo(status);
        assertThat(json.path("error").asText()).isEqualTo(code);
        assertThat(json.path("type").asText()).endsWith("/" + code);
        assertThat(json.path("title").asText()).isNotBlank();
        assertThat(json.path("detail").asText()).isNotBlank();
        assertThat(json.path("request_id").asText()).isEqualTo(r.header("X-Request-ID")).isNotBlank();
    }

    @Nested
    class MalformedInput {
        @Test
        void malformedJsonIs400InvalidJson() {
            var r = api.postJson("/api/v1/users", "{\"email\": ", token);
            assertProblem(r, 400, "invalid_json");
        }

        @Test
        void wrongJsonTypeIs422NamingTheField() {
            var r = api.postJson("/api/v1/users",
                    "{\"email\":\"x@example.com\",\"password\":\"long-enough-pw\",\"platform_admin\":{\"nested\":1}}", token);
            assertProblem(r, 422, "validation_failed");
            assertThat(r.json().path("errors").has("platform_admin")).as(r.body()).isTrue();
        }

        @Test
        void arrayWhereAnObjectIsExpectedIsRejectedWithoutA5xx() {
            var r = api.postJson("/api/v1/users", "[1,2,3]", token);
            assertThat(r.status()).isIn(400, 422);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }

        @Test
        void missingBodyIs400() {
            var r = api.send(api.request("/api/v1/users").header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(r.status()).isIn(400, 422);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }

        @Test
        void wrongContentTypeIs415() {
            var r = api.send(api.request("/api/v1/users").header("Authorization", "Bearer " + token)
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")).build());
            assertProblem(r, 415, "unsupported_media_type");
        }

        @Test
        void unknownFieldsAreIgnored() {
            var r = api.postJson("/api/v1/users",
                    "{\"email\":\"extra@example.com\",\"password\":\"long-enough-pw\",\"name\":\"X\",\"shoe_size\":44}", token);
            assertThat(r.status()).isEqualTo(201);
        }

        @Test
        void domainValidationIs422WithFieldErrors() {
            var r = api.postJson("/api/v1/users", "{\"email\":\"not-an-email\",\"password\":\"short\"}", token);
            assertProblem(r, 422, "validation_failed");
            assertThat(r.json().path("errors").path("email").get(0).asText()).isNotBlank();
            assertThat(r.json().path("errors").path("password").get(0).asText()).contains("at least");
        }
    }

    @Nested
    class Routing {
        @Test
        void unknownRouteIs404NotFound() {
            assertProblem(api.get("/no/such/route"), 404, "not_found");
        }

        @Test
        void unknownApiRouteWithAuthenticationIs404NotFound() {
            assertProblem(api.get("/api/v1/nothing-here", token), 404, "not_found");
        }

        @Test
        void wrongMethodIs405WithAllowHeader() {
            var r = api.send(api.request("/healthz").DELETE().build());
            assertProblem(r, 405, "method_not_allowed");
            assertThat(r.header("Allow")).contains("GET");
        }

        @Test
        void malformedIdInPathIs404() {
            assertProblem(api.get("/api/v1/users/not-an-id", token), 404, "not_found");
        }

        @Test
        void idWithAnotherTypesPrefixIs404() {
            assertProblem(api.get("/api/v1/users/org_01h455vb4pex5vsknk084sn02q", token), 404, "not_found");
        }

        @Test
        void wellFormedUnknownIdIs404() {
            assertProblem(api.get("/api/v1/users/usr_01h455vb4pex5vsknk084sn02q", token), 404, "not_found");
        }
    }

    @Nested
    class BodyLimit {
        private byte[] oversized() {
            byte[] body = new byte[1024 * 1024 + 10];
            Arrays.fill(body, (byte) 'a');
            body[0] = '"';
            body[body.length - 1] = '"';
            return body;
        }

        @Test
        void bodyOverOneMibWithContentLengthIs413() {
            var r = api.send(api.request("/api/v1/users").header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(oversized())).build());
            assertProblem(r, 413, "payload_too_large");
        }

        @Test
        void chunkedBodyOverOneMibIs413() {
            byte[] body = oversized();
            var r = api.send(api.request("/api/v1/users").header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
            assertProblem(r, 413, "payload_too_large");
        }

        @Test
        void declaredLengthOverOneMibIsRefusedBeforeTheBodyIsSent() throws Exception {
            try (Socket socket = new Socket(server.getHost(), server.getPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Authorization: Bearer " + token + "\r\nContent-Length: 2000000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[8192];
                int n = in.read(buffer);
                String head = new String(buffer, 0, Math.max(n, 0), StandardCharsets.US_ASCII);
                assertThat(head).startsWith("HTTP/1.1 413");
                assertThat(head.toLowerCase()).contains("x-request-id:").contains("application/problem+json");
            }
        }

        @Test
        void bodyJustUnderTheLimitIsAccepted() {
            byte[] body = new byte[1024 * 1024 - 200];
            Arrays.fill(body, (byte) ' ');
            byte[] json = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
            System.arraycopy(json, 0, body, 0, json.length);
            var r = api.send(api.request("/api/v1/probes/echo").header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
    }

    @Nested
    class UnexpectedFailures {
        @Test
        void unexpectedExceptionIs500WithoutInternalsAndIsLoggedWithTheRequestId() {
            Logger logger = (Logger) LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);
            ListAppender<ILoggingEvent> appender = new ListAppender<>();
            appender.start();
            logger.addAppender(appender);
            try {
                var r = api.send(api.request("/api/v1/probes/boom").header("Authorization", "Bearer " + token)
                        .header("X-Request-ID", "boom-123").GET().build());
                assertProblem(r, 500, "server_error");
                assertThat(r.body()).doesNotContain("SELECT").doesNotContain("IllegalStateException")
                        .doesNotContain("at dev.gatehouse");
                assertThat(r.json().path("request_id").asText()).isEqualTo("boom-123");
                assertThat(appender.list).anySatisfy(e -> {
                    assertThat(e.getFormattedMessage()).contains("boom-123");
                    assertThat(e.getThrowableProxy()).isNotNull();
                });
            } finally {
                logger.detachAppender(appender);
            }
        }
    }

    @Nested
    class DependencyOutages {
        @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
        @org.junit.jupiter.params.provider.ValueSource(strings = {"pool-timeout", "statement-timeout", "shutdown", "io"})
        void anUnavailableDatabaseIs503WithRetryAfterAndNoDriverText(String kind) {
            var r = api.send(api.request("/api/v1/probes/outage/" + kind).header("Authorization", "Bearer " + token).GET().build());
            assertProblem(r, 503, "service_unavailable");
            assertThat(r.header("Retry-After")).isEqualTo(String.valueOf(Problems.RETRY_AFTER_UNAVAILABLE));
            assertThat(r.json().path("retry_after").asInt()).isEqualTo(Problems.RETRY_AFTER_UNAVAILABLE);
            assertThat(r.body()).doesNotContainIgnoringCase("sql").doesNotContain("Hikari").doesNotContain("backend")
                    .doesNotContain("administrator");
        }

        @Test
        void aFailedStatementThatIsNotAnOutageIsStill500() {
            var r = api.send(api.request("/api/v1/probes/outage/unique-violation").header("Authorization", "Bearer " + token).GET().build());
            assertProblem(r, 500, "server_error");
            assertThat(r.header("Retry-After")).isNull();
            assertThat(r.body()).doesNotContain("SELECT").doesNotContain("duplicate");
        }
    }

    @Nested
    class DomainFailures {
        @Test
        void forbiddenIs403AccessDenied() {
            var r = api.postJson("/api/v1/users", "{\"email\":\"a@example.com\",\"password\":\"long-enough-pw\"}",
                    api.userToken(TestSupport.gatehouse(server), "plain@example.com", false));
            assertProblem(r, 403, "access_denied");
        }

        @Test
        void duplicateIs409Conflict() {
            var r = api.postJson("/api/v1/users",
                    "{\"email\":\"" + TestGatehouseFactory.ADMIN_EMAIL + "\",\"password\":\"long-enough-pw\"}", token);
            assertProblem(r, 409, "conflict");
        }

        @Test
        void missingCredentialsIs401WithBearerChallenge() {
            var r = api.get("/api/v1/me");
            assertProblem(r, 401, "unauthorized");
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }
}
