package dev.gatehouse.bootstrap;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the process environment ({@code GATEHOUSE_*}) into Micronaut properties. Without
 * {@code GATEHOUSE_DATABASE_URL} the server runs on the embedded default (memory stores); with it,
 * on PostgreSQL with Flyway migrations applied at start.
 */
public record ServerConfig(Optional<Database> database, int port) {

    /** A PostgreSQL connection: JDBC url, user and password. */
    public record Database(String jdbcUrl, String user, String password) {
        @Override
        public String toString() {
            return "Database[" + jdbcUrl + ", user=" + user + "]"; // never the password
        }
    }

    public static final int DEFAULT_PORT = 8080;

    public static ServerConfig fromEnvironment(Map<String, String> env, Integer portOverride) {
        int port = portOverride != null ? portOverride
                : Optional.ofNullable(env.get("GATEHOUSE_PORT")).map(Integer::parseInt).orElse(DEFAULT_PORT);
        String url = env.get("GATEHOUSE_DATABASE_URL");
        if (url == null || url.isBlank()) {
            return new ServerConfig(Optional.empty(), port);
        }
        return new ServerConfig(Optional.of(database(url.strip(), env.get("GATEHOUSE_DATABASE_USER"),
                env.get("GATEHOUSE_DATABASE_PASSWORD"))), port);
    }

    /**
     * Accepts a JDBC url ({@code jdbc:postgresql://host:5432/db}) or a libpq-style url
     * ({@code postgres://user:pass@host:5432/db}); explicit user/password win over the url's.
     */
    static Database database(String url, String user, String password) {
        if (url.startsWith("jdbc:")) {
            return new Database(url, user, password);
        }
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            URI uri = URI.create(url);
            String u = user;
            String p = password;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                u = u != null ? u : URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                p = p != null ? p : parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
            }
            String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new Database("jdbc:postgresql://" + hostPort + uri.getRawPath() + query, u, p);
        }
        throw new IllegalArgumentException("GATEHOUSE_DATABASE_URL must be a jdbc:postgresql:// or postgres:// url");
    }

    public boolean persistent() {
        return database.isPresent();
    }

    /** The Micronaut properties for this configuration. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("micronaut.server.port", port);
        if (database.isPresent()) {
            Database db = database.get();
            p.put("gatehouse.store", "postgres");
            p.put("datasources.default.url", db.jdbcUrl());
            p.put("datasources.default.driver-class-name", "org.postgresql.Driver");
            if (db.user() != null) {
                p.put("datasources.default.username", db.user());
            }
            if (db.password() != null) {
                p.put("datasources.default.password", db.password());
            }
            p.put("flyway.datasources.default.enabled", true);
        } else {
            p.put("gatehouse.store", "memory");
        }
        return p;
    }
}
