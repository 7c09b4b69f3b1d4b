package dev.gatehouse.bootstrap;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the process environment ({@code GATEHOUSE_*}) into Micronaut properties. Without
 * {@code GATEHOUSE_DATABASE_URL} the server runs on the embedded default (memory stores); with it,
 * on PostgreSQL with Flyway migrations applied at start. Without {@code GATEHOUSE_SPICEDB_ENDPOINT}
 * permissions are evaluated in-process (local authorizer); with it, by SpiceDB.
 */
public record ServerConfig(Optional<Database> database, int port, Optional<SpiceDb> spiceDb, RateLimits rateLimits,
                           Webhooks webhooks) {

    /**
     * Webhook delivery: the dispatcher on this instance ({@code GATEHOUSE_WEBHOOKS_DISPATCHER}, on by
     * default), requests in flight ({@code GATEHOUSE_WEBHOOKS_CONCURRENCY}, 32), and for development
     * and tests only: plain http URLs ({@code GATEHOUSE_WEBHOOKS_ALLOW_HTTP}) and networks exempt from
     * the SSRF guard ({@code GATEHOUSE_WEBHOOKS_ALLOW_CIDRS}, comma-separated CIDRs).
     */
    public record Webhooks(boolean dispatcher, int concurrency, boolean allowHttp, String allowCidrs) {
        public Webhooks {
            if (concurrency < 1 || concurrency > 1024) {
                throw new IllegalArgumentException("GATEHOUSE_WEBHOOKS_CONCURRENCY must be 1..1024, not " + concurrency);
            }
            allowCidrs = allowCidrs == null ? "" : allowCidrs.strip();
            dev.gatehouse.core.webhooks.UrlGuard.cidrs(allowCidrs); // fails early, naming the bad entry
        }

        public static Webhooks defaults() {
            return new Webhooks(true, 32, false, "");
        }
    }

    public ServerConfig(Optional<Database> database, int port, Optional<SpiceDb> spiceDb, RateLimits rateLimits) {
        this(database, port, spiceDb, rateLimits, Webhooks.defaults());
    }

    /** The same configuration with other webhook settings (tests that deliver to loopback say so). */
    public ServerConfig withWebhooks(Webhooks webhooks) {
        return new ServerConfig(database, port, spiceDb, rateLimits, webhooks);
    }

    /**
     * Request rate limits: on or off ({@code GATEHOUSE_RATE_LIMITS}), the tier of user sessions
     * ({@code GATEHOUSE_RATE_LIMIT_SESSION_TIER}, default {@code pro}) and the tier of organizations
     * until their plans say otherwise ({@code GATEHOUSE_RATE_LIMIT_DEFAULT_TIER}, default {@code free}).
     */
    public record RateLimits(boolean enabled, String sessionTier, String defaultTier) {
        static final java.util.List<String> TIERS = java.util.List.of("free", "starter", "pro", "agency", "enterprise");

        public RateLimits {
            sessionTier = tier("GATEHOUSE_RATE_LIMIT_SESSION_TIER", sessionTier);
            defaultTier = tier("GATEHOUSE_RATE_LIMIT_DEFAULT_TIER", defaultTier);
        }

        public static RateLimits defaults() {
            return new RateLimits(true, "pro", "free");
        }

        private static String tier(String variable, String value) {
            String v = value.strip().toLowerCase(java.util.Locale.ROOT);
            if (!TIERS.contains(v)) {
                throw new IllegalArgumentException(variable + " must be one of " + String.join(", ", TIERS) + ", not '" + value + "'");
            }
            return v;
        }
    }

    public ServerConfig(Optional<Database> database, int port, Optional<SpiceDb> spiceDb) {
        this(database, port, spiceDb, RateLimits.defaults());
    }

    /** The same configuration with other rate limits (tests that need a higher tier say so). */
    public ServerConfig withRateLimits(RateLimits limits) {
        return new ServerConfig(database, port, spiceDb, limits, webhooks);
    }

    /** A SpiceDB endpoint ({@code host:port}), its preshared key and whether to skip TLS. */
    public record SpiceDb(String endpoint, Optional<String> token, boolean insecure) {
        @Override
        public String toString() {
            return "SpiceDb[" + endpoint + ", insecure=" + insecure + "]"; // never the token
        }
    }

    /** Memory or PostgreSQL stores with the local authorizer. */
    public ServerConfig(Optional<Database> database, int port) {
        this(database, port, Optional.empty());
    }

    /**
     * A PostgreSQL connection: JDBC url, user and password, and how long anything may wait for it:
     * a request at any one step ({@code GATEHOUSE_DATABASE_TIMEOUT}, default 5s; an outage answers 503
     * within about that) and a background purge's bulk statement ({@code GATEHOUSE_DATABASE_JOB_TIMEOUT},
     * default 10m). Migrations at start use a connection of their own without these limits.
     */
    public record Database(String jdbcUrl, String user, String password, Duration timeout, Duration jobTimeout) {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_JOB_TIMEOUT = Duration.ofMinutes(10);

        public Database {
            if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("GATEHOUSE_DATABASE_TIMEOUT must be between 1s and 10m, not " + timeout);
            }
            if (jobTimeout.compareTo(timeout) < 0 || jobTimeout.compareTo(Duration.ofHours(24)) > 0) {
                throw new IllegalArgumentException("GATEHOUSE_DATABASE_JOB_TIMEOUT must be between GATEHOUSE_DATABASE_TIMEOUT"
                        + " and 24h, not " + jobTimeout);
            }
        }

        public Database(String jdbcUrl, String user, String password) {
            this(jdbcUrl, user, password, DEFAULT_TIMEOUT, DEFAULT_JOB_TIMEOUT);
        }

        @Override
        public String toString() {
            return "Database[" + jdbcUrl + ", user=" + user + ", timeout=" + timeout + "]"; // never the password
        }
    }

    public static final int DEFAULT_PORT = 8080;

    public static ServerConfig fromEnvironment(Map<String, String> env, Integer portOverride) {
        int port = portOverride != null ? portOverride
                : Optional.ofNullable(env.get("GATEHOUSE_PORT")).map(Integer::parseInt).orElse(DEFAULT_PORT);
        String url = env.get("GATEHOUSE_DATABASE_URL");
        Optional<Database> database = url == null || url.isBlank() ? Optional.empty()
                : Optional.of(withTimeouts(database(url.strip(), env.get("GATEHOUSE_DATABASE_USER"), env.get("GATEHOUSE_DATABASE_PASSWORD")),
                        env));
        return new ServerConfig(database, port, spiceDb(env), rateLimits(env), webhooks(env));
    }

    private static Database withTimeouts(Database db, Map<String, String> env) {
        return new Database(db.jdbcUrl(), db.user(), db.password(),
                duration(env, "GATEHOUSE_DATABASE_TIMEOUT", Database.DEFAULT_TIMEOUT),
                duration(env, "GATEHOUSE_DATABASE_JOB_TIMEOUT", Database.DEFAULT_JOB_TIMEOUT));
    }

    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

    /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, a bare number of seconds, or ISO-8601 ({@code PT5S}). */
    static Duration duration(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher m = DURATION.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            return Duration.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a duration such as 5s, 500ms or 2m, not '" + value + "'");
        }
    }

    static Webhooks webhooks(Map<String, String> env) {
        String concurrency = env.get("GATEHOUSE_WEBHOOKS_CONCURRENCY");
        int n = 32;
        if (concurrency != null && !concurrency.isBlank()) {
            try {
                n = Integer.parseInt(concurrency.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("GATEHOUSE_WEBHOOKS_CONCURRENCY must be a number, not '" + concurrency + "'");
            }
        }
        return new Webhooks(flag(env, "GATEHOUSE_WEBHOOKS_DISPATCHER", true), n, flag(env, "GATEHOUSE_WEBHOOKS_ALLOW_HTTP", false),
                env.get("GATEHOUSE_WEBHOOKS_ALLOW_CIDRS"));
    }

    private static boolean flag(Map<String, String> env, String name, boolean fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("on") || v.equals("true") || v.equals("1") || v.equals("yes")) {
            return true;
        }
        if (v.equals("off") || v.equals("false") || v.equals("0") || v.equals("no")) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be on or off, not '" + value + "'");
    }

    static RateLimits rateLimits(Map<String, String> env) {
        String on = env.get("GATEHOUSE_RATE_LIMITS");
        boolean enabled = true;
        if (on != null && !on.isBlank()) {
            String v = on.strip().toLowerCase(java.util.Locale.ROOT);
            if (v.equals("off") || v.equals("false") || v.equals("0") || v.equals("no")) {
                enabled = false;
            } else if (!(v.equals("on") || v.equals("true") || v.equals("1") || v.equals("yes"))) {
                throw new IllegalArgumentException("GATEHOUSE_RATE_LIMITS must be on or off, not '" + on + "'");
            }
        }
        String session = env.get("GATEHOUSE_RATE_LIMIT_SESSION_TIER");
        String fallback = env.get("GATEHOUSE_RATE_LIMIT_DEFAULT_TIER");
        return new RateLimits(enabled, session == null || session.isBlank() ? "pro" : session,
                fallback == null || fallback.isBlank() ? "free" : fallback);
    }

    static Optional<SpiceDb> spiceDb(Map<String, String> env) {
        String endpoint = env.get("GATEHOUSE_SPICEDB_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            return Optional.empty();
        }
        String token = env.get("GATEHOUSE_SPICEDB_TOKEN");
        String insecure = env.get("GATEHOUSE_SPICEDB_INSECURE");
        boolean plaintext = false;
        if (insecure != null && !insecure.isBlank()) {
            String v = insecure.strip().toLowerCase(java.util.Locale.ROOT);
            if (v.equals("true") || v.equals("1") || v.equals("yes")) {
                plaintext = true;
            } else if (!(v.equals("false") || v.equals("0") || v.equals("no"))) {
                throw new IllegalArgumentException("GATEHOUSE_SPICEDB_INSECURE must be true or false, not '" + insecure + "'");
            }
        }
        return Optional.of(new SpiceDb(endpoint.strip(), Optional.ofNullable(token).filter(t -> !t.isBlank()), plaintext));
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
            // Migrations may run long (an index on a big table): they connect on their own, without the
            // request timeouts the pool's connections get.
            p.put("flyway.datasources.default.url", db.jdbcUrl());
            if (db.user() != null) {
                p.put("flyway.datasources.default.user", db.user());
            }
            if (db.password() != null) {
                p.put("flyway.datasources.default.password", db.password());
            }
            p.put("gatehouse.database.timeout", db.timeout().toMillis() + "ms");
            p.put("gatehouse.database.job-timeout", db.jobTimeout().toMillis() + "ms");
        } else {
            p.put("gatehouse.store", "memory");
        }
        p.put("gatehouse.rate-limits.enabled", rateLimits.enabled());
        p.put("gatehouse.rate-limits.session-tier", rateLimits.sessionTier());
        p.put("gatehouse.rate-limits.default-tier", rateLimits.defaultTier());
        p.put("gatehouse.webhooks.dispatcher", webhooks.dispatcher());
        p.put("gatehouse.webhooks.concurrency", webhooks.concurrency());
        p.put("gatehouse.webhooks.allow-http", webhooks.allowHttp());
        if (!webhooks.allowCidrs().isEmpty()) {
            p.put("gatehouse.webhooks.allow-cidrs", webhooks.allowCidrs());
        }
        if (spiceDb.isPresent()) {
            SpiceDb s = spiceDb.get();
            p.put("gatehouse.authorizer", "spicedb");
            p.put("gatehouse.spicedb.endpoint", s.endpoint());
            s.token().ifPresent(t -> p.put("gatehouse.spicedb.token", t));
            p.put("gatehouse.spicedb.insecure", s.insecure());
        } else {
            p.put("gatehouse.authorizer", "local");
        }
        return p;
    }
}
