package dev.gatehouse.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {

    @Test
    void withoutADatabaseUrlRunsOnMemory() {
        var c = ServerConfig.fromEnvironment(Map.of(), null);
        assertThat(c.persistent()).isFalse();
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.properties()).containsEntry("gatehouse.store", "memory").doesNotContainKey("datasources.default.url");
    }

    @Test
    void aDatabaseUrlSelectsPostgresWithMigrations() {
        var c = ServerConfig.fromEnvironment(Map.of("GATEHOUSE_DATABASE_URL", "jdbc:postgresql://db:5432/gh",
                "GATEHOUSE_DATABASE_USER", "gh", "GATEHOUSE_DATABASE_PASSWORD", "s3cret", "GATEHOUSE_PORT", "9000"), null);
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.properties())
                .containsEntry("gatehouse.store", "postgres")
                .containsEntry("datasources.default.url", "jdbc:postgresql://db:5432/gh")
                .containsEntry("datasources.default.username", "gh")
                .containsEntry("flyway.datasources.default.enabled", true);
        assertThat(c.database().orElseThrow().toString()).doesNotContain("s3cret");
    }

    @Test
    void acceptsLibpqStyleUrlsAndThePortFlagWins() {
        var c = ServerConfig.fromEnvironment(Map.of("GATEHOUSE_DATABASE_URL", "postgres://app:p%40ss@db.internal:6432/gh?sslmode=require"), 7000);
        var db = c.database().orElseThrow();
        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/gh?sslmode=require");
        assertThat(db.user()).isEqualTo("app");
        assertThat(db.password()).isEqualTo("p@ss");
        assertThat(c.port()).isEqualTo(7000);
    }

    @Test
    void databaseTimeoutsDefaultToFiveSecondsAndTenMinutesAndMigrationsConnectOnTheirOwn() {
        var c = ServerConfig.fromEnvironment(Map.of("GATEHOUSE_DATABASE_URL", "jdbc:postgresql://db:5432/gh",
                "GATEHOUSE_DATABASE_USER", "gh", "GATEHOUSE_DATABASE_PASSWORD", "s3cret"), null);
        assertThat(c.database().orElseThrow().timeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(c.properties())
                .containsEntry("gatehouse.database.timeout", "5000ms")
                .containsEntry("gatehouse.database.job-timeout", "600000ms")
                .containsEntry("flyway.datasources.default.url", "jdbc:postgresql://db:5432/gh")
                .containsEntry("flyway.datasources.default.user", "gh")
                .containsEntry("flyway.datasources.default.password", "s3cret");
    }

    @Test
    void databaseTimeoutsAcceptUnitsBareSecondsAndIso() {
        for (var e : Map.of("750ms", "1s", "3s", "3000ms", "7", "7000ms", "2m", "120000ms", "PT4S", "4000ms").entrySet()) {
            if (e.getKey().equals("750ms")) {
                assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("GATEHOUSE_DATABASE_URL", "jdbc:postgresql://db/gh",
                        "GATEHOUSE_DATABASE_TIMEOUT", e.getKey()), null)).hasMessageContaining("GATEHOUSE_DATABASE_TIMEOUT");
                continue;
            }
            var c = ServerConfig.fromEnvironment(Map.of("GATEHOUSE_DATABASE_URL", "jdbc:postgresql://db/gh",
                    "GATEHOUSE_DATABASE_TIMEOUT", e.getKey()), null);
            assertThat(c.properties()).as(e.getKey()).containsEntry("gatehouse.database.timeout", e.getValue());
        }
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("GATEHOUSE_DATABASE_URL", "jdbc:postgresql://db/gh",
                "GATEHOUSE_DATABASE_TIMEOUT", "soon"), null)).hasMessageContaining("GATEHOUSE_DATABASE_TIMEOUT");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("GATEHOUSE_DATABASE_URL", "jdbc:postgresql://db/gh",
                "GATEHOUSE_DATABASE_TIMEOUT", "1m", "GATEHOUSE_DATABASE_JOB_TIMEOUT", "30s"), null))
                .hasMessageContaining("GATEHOUSE_DATABASE_JOB_TIMEOUT");
    }

    @Test
    void rejectsOtherUrls() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("GATEHOUSE_DATABASE_URL", "mysql://x/y"), null))
                .hasMessageContaining("GATEHOUSE_DATABASE_URL");
    }

    @Test
    void withoutASpiceDbEndpointAuthorizesLocally() {
        var c = ServerConfig.fromEnvironment(Map.of("GATEHOUSE_SPICEDB_TOKEN", "ignored"), null);
        assertThat(c.spiceDb()).isEmpty();
        assertThat(c.properties()).containsEntry("gatehouse.authorizer", "local")
                .doesNotContainKeys("gatehouse.spicedb.endpoint", "gatehouse.spicedb.token");
    }

    @Test
    void aSpiceDbEndpointSelectsSpiceDbWithTokenAndTls() {
        var c = ServerConfig.fromEnvironment(Map.of("GATEHOUSE_SPICEDB_ENDPOINT", " spicedb.internal:50051 ",
                "GATEHOUSE_SPICEDB_TOKEN", "psk-s3cret"), null);
        assertThat(c.properties())
                .containsEntry("gatehouse.authorizer", "spicedb")
                .containsEntry("gatehouse.spicedb.endpoint", "spicedb.internal:50051")
                .containsEntry("gatehouse.spicedb.token", "psk-s3cret")
                .containsEntry("gatehouse.spicedb.insecure", false)
                .containsEntry("gatehouse.store", "memory");
        assertThat(c.spiceDb().orElseThrow().toString()).doesNotContain("psk-s3cret");
    }

    @Test
    void insecureSpiceDbIsOptInAndMustBeABoolean() {
        var plaintext = ServerConfig.fromEnvironment(Map.of("GATEHOUSE_SPICEDB_ENDPOINT", "localhost:50051",
                "GATEHOUSE_SPICEDB_INSECURE", "true"), null);
        assertThat(plaintext.properties()).containsEntry("gatehouse.spicedb.insecure", true)
                .doesNotContainKey("gatehouse.spicedb.token");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("GATEHOUSE_SPICEDB_ENDPOINT", "localhost:50051",
                "GATEHOUSE_SPICEDB_INSECURE", "maybe"), null))
                .hasMessageContaining("GATEHOUSE_SPICEDB_INSECURE");
    }

    @Test
    void spiceDbCombinesWithPostgres() {
        var c = ServerConfig.fromEnvironment(Map.of("GATEHOUSE_DATABASE_URL", "jdbc:postgresql://db:5432/gh",
                "GATEHOUSE_SPICEDB_ENDPOINT", "spicedb:50051"), null);
        assertThat(c.properties()).containsEntry("gatehouse.store", "postgres").containsEntry("gatehouse.authorizer", "spicedb");
    }

    @Test
    void rateLimitsAreOnByDefaultWithProSessionsAndFreeOrganizations() {
        var c = ServerConfig.fromEnvironment(Map.of(), null);
        assertThat(c.rateLimits()).isEqualTo(new ServerConfig.RateLimits(true, "pro", "free"));
        assertThat(c.properties()).containsEntry("gatehouse.rate-limits.enabled", true)
                .containsEntry("gatehouse.rate-limits.session-tier", "pro")
                .containsEntry("gatehouse.rate-limits.default-tier", "free");
    }

    @Test
    void rateLimitsCanBeTurnedOffAndTiersChosen() {
        var c = ServerConfig.fromEnvironment(Map.of("GATEHOUSE_RATE_LIMITS", "off",
                "GATEHOUSE_RATE_LIMIT_SESSION_TIER", " Agency ", "GATEHOUSE_RATE_LIMIT_DEFAULT_TIER", "starter"), null);
        assertThat(c.rateLimits()).isEqualTo(new ServerConfig.RateLimits(false, "agency", "starter"));
        assertThat(c.properties()).containsEntry("gatehouse.rate-limits.enabled", false);
    }

    @Test
    void rejectsUnknownRateLimitSettings() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("GATEHOUSE_RATE_LIMITS", "sometimes"), null))
                .hasMessageContaining("GATEHOUSE_RATE_LIMITS");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("GATEHOUSE_RATE_LIMIT_SESSION_TIER", "platinum"), null))
                .hasMessageContaining("GATEHOUSE_RATE_LIMIT_SESSION_TIER").hasMessageContaining("enterprise");
    }
}
