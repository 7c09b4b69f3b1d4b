package dev.gatehouse.bootstrap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's JSON mapper builds a type's reader and writer at its first use, not for every route
 * while the router is built at start (application.properties; ADR 30), and bodies still bind and
 * are written as before.
 */
class LazyJsonSetupTest {
    @Test
    void theServersMapperFetchesNoSerializerBeforeItsFirstUse() throws Exception {
        try (var server = RunningServer.start(new ServerConfig(Optional.empty(), 0))) {
            ObjectMapper mapper = server.bean(ObjectMapper.class);
            assertThat(mapper.isEnabled(DeserializationFeature.EAGER_DESERIALIZER_FETCH)).isFalse();
            assertThat(mapper.isEnabled(SerializationFeature.EAGER_SERIALIZER_FETCH)).isFalse();
            // the strict reading policy still applies to the lazily built readers
            assertThat(mapper.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)).isTrue();
            String token = server.loginAdmin();
            String organization = server.createOrganization(token, "Lazy");
            var read = server.http().get("/api/v1/organizations/" + organization, token);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).contains("\"name\":\"Lazy\"");
            var refused = server.http().post("/api/v1/organizations", "{\"name\":true}", token);
            assertThat(refused.statusCode()).isEqualTo(422);
        }
    }
}
