package dev.gatehouse.postgres.testing;

import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.UserId;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Background tenants for the scale measurements, bulk-loaded with {@code COPY} straight into the
 * tables (through the API, 10,000 organizations would take hours). Deterministic for a seed. Each
 * organization {@code i} has:
 *
 * <ul>
 *   <li>{@value #MEMBERS} members (owner, admin, member, viewer: a {@code memberships} row and the
 *       role relation) and one project-level user ({@code viewer} of project 0);</li>
 *   <li>{@value #PROJECTS} projects with a production ({@code production@user:*} and
 *       {@code production@api_key:*}) and a development environment each;</li>
 *   <li>{@value #KEYS} API keys (two organization-wide, one on the first production environment),
 *       each with every scope: its role's {@value #SCOPES} relations to {@code api_key:*}, binding,
 *       subject and attachment, as the product writes them;</li>
 *   <li>{@value #AUDIT} audit entries spread over the two years before the load.</li>
 * </ul>
 * That is {@value #RELATIONSHIPS_PER_ORGANIZATION} relationships per organization: 1.3 million for
 * 10,000. Passwords and key hashes are random: these principals never sign in (the HTTP benchmark
 * creates the principals it signs in with through the API on top); {@link #probe()} names the ids of
 * the organization in the middle, for tests that call the stores directly.
 */
public final class ScaleDataset {
    static final int MEMBERS = 4;
    static final int PROJECTS = 5;
    static final int KEYS = 3;
    static final int AUDIT = 20;
    static final int SCOPES = 31;
    public static final int PROJECTS_PER_ORGANIZATION = PROJECTS;
    public static final int USERS_PER_ORGANIZATION = MEMBERS + 1;
    static final int RELATIONSHIPS_PER_ORGANIZATION = MEMBERS + 1 + PROJECTS * 3 + PROJECTS * 2 + KEYS * (SCOPES + 3);
    private static final String[] ROLES = {"owner", "admin", "member", "viewer"};
    private static final int FLUSH_BYTES = 8 << 20;

    private final int organizations;
    private final long seed;
    private Tenant probe;

    /** One loaded organization's ids: its owner, project-level user, keys and first project and production environment. */
    public record Tenant(UUID organization, UUID owner, UUID projectUser, UUID organizationKey, UUID environmentKey,
                         UUID project, UUID production) {
    }

    public ScaleDataset(int organizations, long seed) {
        this.organizations = organizations;
        this.seed = seed;
    }

    /** The organization in the middle of the load, once loaded. */
    public Tenant probe() {
        return probe;
    }

    /** Loads everything in one transaction, then {@code ANALYZE}s; returns the relationships written. */
    public long load(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            long written = copyAll(c);
            c.commit();
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("ANALYZE");
            }
            return written;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private long copyAll(Connection c) throws SQLException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        Random random = new Random(seed);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> scopes = PermissionCatalog.entries().stream().map(PermissionCatalog.Entry::permission).toList();
        Table users = new Table(copy, "users (id, email, name, password_hash, platform_admin, status, created_at, updated_at)");
        Table orgs = new Table(copy, "organizations (id, name, slug, tier, timezone, locale, created_at, updated_at)");
        Table memberships = new Table(copy, "memberships (id, organization_id, user_id, role, created_at, updated_at)");
        Table projects = new Table(copy, "projects (id, organization_id, name, description, created_at, updated_at)");
        Table environments = new Table(copy, "environments (id, project_id, organization_id, name, kind, created_at)");
        Table keys = new Table(copy, "api_keys (id, organization_id, project_id, environment_id, name, scopes, key_hash,"
                + " prefix, created_by, created_at, status)");
        Table relationships = new Table(copy, "relationships (resource_type, resource_id, relation, subject_type,"
                + " subject_id, subject_relation, created_revision, created_position)");
        Table audit = new Table(copy, "audit_events (id, occurred_at, actor_type, actor_id, action, resource_type,"
                + " resource_id, organization_id, changes)");
        String scopeArray = "{" + String.join(",", PermissionCatalog.entries().stream()
                .map(PermissionCatalog.Entry::scope).toList()) + "}";
        // in the order of the foreign keys: a table is sent only after those it refers to
        List<Table> tables = List.of(users, orgs, memberships, projects, environments, keys, relationships, audit);
        long relationshipCount = 0;
        for (int i = 0; i < organizations; i++) {
            if (tables.stream().anyMatch(Table::full)) {
                tables.forEach(Table::flush);
            }
            long revision = i + 1L;
            int position = 0;
            Instant created = now.minus(organizations - i, ChronoUnit.MINUTES);
            UUID org = uuid(random);
            String orgText = new OrganizationId(org).text();
            orgs.row(org, "Organization " + i, "org-" + i, "free", "UTC", "en", created, created);
            UUID[] members = new UUID[MEMBERS + 1];
            for (int m = 0; m <= MEMBERS; m++) {
                members[m] = uuid(random);
                users.row(members[m], "u" + i + "-" + m + "@scale.test", "User " + i + " " + m,
                        "$pbkdf2-sha512$i=1$none$none", "f", "active", created, created);
                if (m < MEMBERS) {
                    memberships.row(uuid(random), org, members[m], ROLES[m], created, created);
                    relationships.row("organization", orgText, ROLES[m], "user", new UserId(members[m]).text(), "...",
                            revision, position++);
                }
            }
            UUID firstProduction = null;
            UUID firstProject = null;
            for (int p = 0; p < PROJECTS; p++) {
                UUID project = uuid(random);
                String projectText = new ProjectId(project).text();
                firstProject = p == 0 ? project : firstProject;
                projects.row(project, org, "Project " + p, "\\N", created, created);
                relationships.row("project", projectText, "organization", "organization", orgText, "...", revision, position++);
                for (String kind : new String[]{"production", "development"}) {
                    UUID env = uuid(random);
                    String envText = new EnvironmentId(env).text();
                    environments.row(env, project, org, kind, kind, created);
                    relationships.row("environment", envText, "project", "project", projectText, "...", revision, position++);
                    if (kind.equals("production")) {
                        firstProduction = firstProduction == null ? env : firstProduction;
                        relationships.row("environment", envText, "production", "user", "*", "...", revision, position++);
                        relationships.row("environment", envText, "production", "api_key", "*", "...", revision, position++);
                    }
                }
            }
            relationships.row("project", new ProjectId(firstProject).text(), "viewer", "user",
                    new UserId(members[MEMBERS]).text(), "...", revision, position++);
            UUID[] keyIds = new UUID[KEYS];
            for (int k = 0; k < KEYS; k++) {
                UUID key = uuid(random);
                keyIds[k] = key;
                String keyText = new ApiKeyId(key).text();
                boolean environmentKey = k == KEYS - 1;
                keys.row(key, org, environmentKey ? firstProject : "\\N", environmentKey ? firstProduction : "\\N",
                        "key " + k, scopeArray, hex(random), "gh_live_" + k, "user:" + new UserId(members[0]).text(),
                        created, "active");
                for (String scope : scopes) {
                    relationships.row("role", keyText, scope, "api_key", "*", "...", revision, position++);
                }
                relationships.row("role_binding", keyText, "role", "role", keyText, "...", revision, position++);
                relationships.row("role_binding", keyText, "subject", "api_key", keyText, "...", revision, position++);
                relationships.row(environmentKey ? "environment" : "organization",
                        environmentKey ? new EnvironmentId(firstProduction).text() : orgText, "binding",
                        "role_binding", keyText, "...", revision, position++);
            }
            relationshipCount += position;
            if (i == organizations / 2) {
                probe = new Tenant(org, members[0], members[MEMBERS], keyIds[0], keyIds[KEYS - 1], firstProject, firstProduction);
            }
            for (int a = 0; a < AUDIT; a++) {
                Instant at = now.minus(random.nextInt(730 * 24 * 60), ChronoUnit.MINUTES);
                audit.row(uuidV7(at, random), at, "user", new UserId(members[a % MEMBERS]).text(),
                        a % 2 == 0 ? "project.updated" : "member.added", "project", "prj_x", org, "{}");
            }
        }
        tables.forEach(Table::flush);
        try (Statement s = c.createStatement()) {
            // later writes take revisions after the loaded ones (created_revision 1..organizations)
            s.execute("SELECT setval('relationships_revision_seq', greatest(" + organizations
                    + ", (SELECT last_value FROM relationships_revision_seq)))");
        }
        return relationshipCount;
    }

    private static UUID uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong());
    }

    /** A UUIDv7 of the instant, like the audit trail's ids, so that id order is time order. */
    private static UUID uuidV7(Instant at, Random random) {
        long hi = (at.toEpochMilli() << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
        long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }

    private static String hex(Random random) {
        StringBuilder b = new StringBuilder(64);
        for (int i = 0; i < 4; i++) {
            b.append(String.format("%016x", random.nextLong()));
        }
        return b.toString();
    }

    /** Rows of one table as COPY text, sent in chunks. */
    private static final class Table {
        private final CopyManager copy;
        private final String target;
        private final StringBuilder rows = new StringBuilder(FLUSH_BYTES + 4096);

        Table(CopyManager copy, String target) {
            this.copy = copy;
            this.target = target;
        }

        void row(Object... values) {
            for (int i = 0; i < values.length; i++) {
                rows.append(i == 0 ? "" : "\t").append(values[i]);
            }
            rows.append('\n');
        }

        boolean full() {
            return rows.length() > FLUSH_BYTES;
        }

        void flush() {
            if (rows.length() == 0) {
                return;
            }
            try {
                copy.copyIn("COPY " + target + " FROM STDIN", new StringReader(rows.toString()));
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("COPY " + target + " failed: " + e.getMessage(), e);
            }
            rows.setLength(0);
        }
    }
}
