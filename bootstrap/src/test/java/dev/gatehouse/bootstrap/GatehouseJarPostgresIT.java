package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar on PostgreSQL: {@code migrate}, and data that survives a restart of the process. */
class GatehouseJarPostgresIT {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static Map<String, String> env() {
        return JarProcess.postgresEnv(POSTGRES.database(), Map.of());
    }

    @Test
    void migratesThenKeepsItsDataAcrossARestart() throws Exception {
        try (JarProcess migrate = JarProcess.start(List.of("migrate"), env())) {
            String out = migrate.awaitExit();
            assertThat(migrate.exitValue()).as(out).isZero();
            assertThat(out).containsPattern("Applied [1-9][0-9]* migration");
        }
        String userId;
        try (JarProcess first = JarProcess.start(List.of("serve", "--port", "0"), env())) {
            Http http = new Http(first.awaitListening());
            assertThat(first.output()).doesNotContain("EMBEDDED MODE");
            String token = http.login("ops@example.com", "an operator password");
            var created = http.post("/api/v1/users",
                    "{\"email\":\"kept@example.com\",\"password\":\"a password that is kept\",\"name\":\"Kept\"}", token);
            assertThat(created.statusCode()).isEqualTo(201);
            userId = Http.field(created.body(), "id");
        }
        try (JarProcess second = JarProcess.start(List.of("serve", "--port", "0"), env())) {
            Http http = new Http(second.awaitListening());
            String token = http.login("kept@example.com", "a password that is kept");
            assertThat(http.get("/api/v1/me", token).body()).contains(userId);
            assertThat(http.get("/readyz", null).body()).contains("\"database\"").contains("up");
        }
    }

    /**
     * GATEHOUSE_MASTER_KEY reaches the server: with the same key a restarted process signs with the
     * project's stored key; with another (or none, which warns) it cannot decrypt it, rotates to a
     * fresh key on the next token issue and keeps publishing the old one.
     */
    @Test
    void theMasterKeyFromTheEnvironmentOpensStoredSigningKeysAcrossARestart() throws Exception {
        Map<String, String> env = env();
        env.put("GATEHOUSE_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        String projectId;
        String apiKey;
        String firstKid;
        try (JarProcess first = JarProcess.start(List.of("serve", "--port", "0"), env)) {
            Http http = new Http(first.awaitListening());
            assertThat(first.output()).doesNotContain("GATEHOUSE_MASTER_KEY is not set");
            String token = http.login("ops@example.com", "an operator password");
            String org = Http.field(http.post("/api/v1/organizations", "{\"name\":\"Sealed\"}", token).body(), "id");
            projectId = Http.field(http.post("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Web\"}", token)
                    .body(), "id");
            apiKey = Http.field(http.post("/api/v1/projects/" + projectId + "/api-keys",
                    "{\"name\":\"svc\",\"environment\":\"production\"}", token).body(), "key");
            firstKid = kid(http.post("/api/v1/auth/token", "{}", apiKey).body());
        }
        try (JarProcess same = JarProcess.start(List.of("serve", "--port", "0"), env)) {
            Http http = new Http(same.awaitListening());
            assertThat(kid(http.post("/api/v1/auth/token", "{}", apiKey).body())).isEqualTo(firstKid);
        }
        env.remove("GATEHOUSE_MASTER_KEY");
        try (JarProcess other = JarProcess.start(List.of("serve", "--port", "0"), env)) {
            Http http = new Http(other.awaitListening());
            assertThat(other.output()).contains("GATEHOUSE_MASTER_KEY is not set");
            var issued = http.post("/api/v1/auth/token", "{}", apiKey);
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            String newKid = kid(issued.body());
            assertThat(newKid).isNotEqualTo(firstKid);
            assertThat(http.get("/api/v1/projects/" + projectId + "/jwks.json", null).body()).contains(firstKid).contains(newKid);
        }
    }

    private static String kid(String tokenResponse) throws Exception {
        String jwt = Http.field(tokenResponse, "access_token");
        var header = dev.gatehouse.core.tokens.Jose.parseObject(new String(dev.gatehouse.core.tokens.Jose.unb64(jwt.split("\\.")[0]),
                java.nio.charset.StandardCharsets.UTF_8));
        return (String) header.get("kid");
    }
}
