package dev.gatehouse.http;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
@Property(name = "test.probes", value = "true")
class RequestIdTest extends ApiTestBase {
    @Test
    void echoesAValidIncomingRequestId() {
        var r = api.send(api.request("/healthz").header("X-Request-ID", "client-abc.123_X").GET().build());
        assertThat(r.header("X-Request-ID")).isEqualTo("client-abc.123_X");
    }

    @Test
    void replacesAnInvalidIncomingRequestId() {
        var r = api.send(api.request("/healthz").header("X-Request-ID", "bad id with spaces").GET().build());
        assertThat(r.header("X-Request-ID")).isNotBlank().isNotEqualTo("bad id with spaces").matches("[A-Za-z0-9._-]{1,128}");
    }

    @Test
    void replacesAnOverlongIncomingRequestId() {
        String longId = "a".repeat(129);
        var r = api.send(api.request("/healthz").header("X-Request-ID", longId).GET().build());
        assertThat(r.header("X-Request-ID")).isNotEqualTo(longId);
    }

    @Test
    void aGeneratedIdIsARandomUuidOfTheAcceptedShape() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = RequestIds.generate();
            assertThat(RequestIds.valid(id)).isTrue();
            assertThat(id).startsWith("req-");
            java.util.UUID uuid = java.util.UUID.fromString(id.substring(4));
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            seen.add(id);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void generatesADifferentIdForEachRequest() {
        assertThat(api.get("/healthz").header("X-Request-ID")).isNotEqualTo(api.get("/healthz").header("X-Request-ID"));
    }

    @Test
    void errorResponsesCarryTheRequestIdInHeaderAndBody() {
        var notFound = api.send(api.request("/nowhere").header("X-Request-ID", "rid-404").GET().build());
        assertThat(notFound.header("X-Request-ID")).isEqualTo("rid-404");
        assertThat(notFound.json().path("request_id").asText()).isEqualTo("rid-404");

        var notAllowed = api.send(api.request("/healthz").header("X-Request-ID", "rid-405").PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(notAllowed.header("X-Request-ID")).isEqualTo("rid-405");

        var unauthorized = api.send(api.request("/api/v1/me").header("X-Request-ID", "rid-401").GET().build());
        assertThat(unauthorized.header("X-Request-ID")).isEqualTo("rid-401");
        assertThat(unauthorized.json().path("request_id").asText()).isEqualTo("rid-401");
    }

    @Test
    void requestIdIsInTheMdcOfTheThreadServingTheController() {
        String token = api.adminToken();
        var r = api.send(api.request("/api/v1/probes/mdc").header("Authorization", "Bearer " + token)
                .header("X-Request-ID", "mdc-check-1").GET().build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("mdc").asText()).isEqualTo("mdc-check-1");
    }
}
