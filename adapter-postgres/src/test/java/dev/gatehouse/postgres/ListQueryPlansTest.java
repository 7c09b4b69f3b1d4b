package dev.gatehouse.postgres;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.approvals.AccessRequests;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.Schema;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.roles.Roles;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.projects.Projects;
import dev.gatehouse.postgres.testing.ScaleDataset;
import dev.gatehouse.postgres.testing.StandaloneTestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list a tenant's principal sees is served by indexes: on a database loaded with
 * {@value #ORGANIZATIONS} organizations ({@link ScaleDataset}, about a quarter of a million
 * relationships, {@code ANALYZE}d, planner settings untouched), the statements the stores actually
 * send for each list (recorded with their bound values, the lookups of the local authorizer
 * included) are {@code EXPLAIN}ed, and none may scan a table that holds more than a thousand rows
 * sequentially, and none may take more than {@value #MAX_STATEMENTS} statements. The audit trail's old time window and user search must use the indexes made for
 * them.
 */
class ListQueryPlansTest {
    static final int ORGANIZATIONS = 2000;
    /**
     * Statements one list may take for the loaded tenant (one organization, five projects, ten
     * environments, three keys): the lookups walk and check what the principal reaches; before the
     * lookup plan, a lookup as the owner read every production environment of all 2,000 tenants.
     */
    private static final int MAX_STATEMENTS = 32;
    private static final Pattern SEQ_SCAN = Pattern.compile("Seq Scan on (\\w+)");

    private static StandaloneTestDatabase database;
    private static ApplicationContext context;
    private static RecordingConnections recording;
    private static Sql sql;
    private static Transactions tx;
    private static ScaleDataset.Tenant tenant;
    private static Set<String> bigTables;

    @BeforeAll
    static void load() throws SQLException {
        database = StandaloneTestDatabase.create("plans");
        context = AdapterContext.start(database.database());
        @SuppressWarnings("unchecked")
        ConnectionOperations<Connection> connections = context.getBean(ConnectionOperations.class);
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        recording = new RecordingConnections(connections);
        sql = new Sql(recording, transactions, context.getBean(DatabaseTimeouts.class));
        tx = context.getBean(Transactions.class);
        ScaleDataset dataset = new ScaleDataset(ORGANIZATIONS, 7);
        try (Connection c = database.database().connect()) {
            dataset.load(c);
        }
        tenant = dataset.probe();
        bigTables = new HashSet<>();
        try (Connection c = database.database().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT relname FROM pg_class WHERE relkind = 'r'"
                     + " AND relnamespace = 'public'::regnamespace AND reltuples > 1000")) {
            while (rs.next()) {
                bigTables.add(rs.getString(1));
            }
        }
        assertThat(bigTables).contains("relationships", "organizations", "projects", "environments", "users",
                "memberships", "api_keys", "audit_events");
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyListOfATenantsPrincipalUsesIndexesOnly() throws SQLException {
        OrganizationId org = new OrganizationId(tenant.organization());
        ProjectId project = new ProjectId(tenant.project());
        SubjectRef owner = SubjectRef.of("user", new UserId(tenant.owner()).text());
        SubjectRef projectUser = SubjectRef.of("user", new UserId(tenant.projectUser()).text());
        SubjectRef orgKey = SubjectRef.of("api_key", new ApiKeyId(tenant.organizationKey()).text());
        SubjectRef envKey = SubjectRef.of("api_key", new ApiKeyId(tenant.environmentKey()).text());
        JdbcRelationships relationships = new JdbcRelationships(sql, tx);
        LocalAuthorizer authorizer = LocalAuthorizer.create(Schema.parse(PermissionCatalog.productSchema()).value(),
                relationships, tx, new TestClock(Instant.now())).value();
        ListQuery first = ListQuery.firstPage();
        Map<String, Supplier<Object>> lists = new LinkedHashMap<>();
        lists.put("owner's organizations (lookup)", () -> ids(authorizer.lookupResources("organization",
                "organizations_read", owner, Optional.empty(), 1000), 1));
        lists.put("owner's projects (lookup)", () -> ids(authorizer.lookupResources("project",
                "projects_read", owner, Optional.empty(), 1000), ScaleDataset.PROJECTS_PER_ORGANIZATION));
        lists.put("owner's projects_read on the organization (check)", () -> has(authorizer.check(
                new ObjectRef("organization", org.text()), "projects_read", owner)));
        lists.put("project user's projects (lookup)", () -> ids(authorizer.lookupResources("project",
                "projects_read", projectUser, Optional.empty(), 1000), 1));
        lists.put("project user's organizations (lookup)", () -> ids(authorizer.lookupResources("organization",
                "organizations_read", projectUser, Optional.empty(), 1000), 0));
        lists.put("organization key's projects (lookup)", () -> ids(authorizer.lookupResources("project",
                "projects_read", orgKey, Optional.empty(), 1000), ScaleDataset.PROJECTS_PER_ORGANIZATION));
        lists.put("environment key's environments (lookup)", () -> ids(authorizer.lookupResources("environment",
                "environments_read", envKey, Optional.empty(), 1000), 1));
        lists.put("environment key's api_keys_write (lookup)", () -> ids(authorizer.lookupResources("environment",
                "api_keys_write", envKey, Optional.empty(), 1000), 1));
        lists.put("organizations by id", () -> new JdbcOrganizations(sql).list(Optional.of(Set.of(org)), first).total());
        lists.put("projects of the organization", () -> new JdbcProjects(sql).list(
                new Projects.Scope(null, org, false), first).total());
        lists.put("projects by id", () -> new JdbcProjects(sql).list(
                new Projects.Scope(Set.of(project), null, false), first).total());
        lists.put("environments of a project", () -> new JdbcEnvironments(sql).ofProject(project).size());
        lists.put("members", () -> new JdbcMemberships(sql).list(org, first).total());
        lists.put("organization keys", () -> new JdbcApiKeys(sql).list(org, null, first).total());
        lists.put("project keys", () -> new JdbcApiKeys(sql).list(org, project, first).total());
        lists.put("webhooks", () -> new JdbcWebhookEndpoints(sql).list(org, first).total());
        lists.put("access requests", () -> new JdbcAccessRequests(sql).list(org, AccessRequests.Filter.none(), first).total());
        lists.put("role assignments", () -> new JdbcRoles(sql).assignments(org, Roles.AssignmentFilter.all(),
                PageRequest.first()).total());
        lists.put("audit of the organization", () -> new JdbcAuditLog(context.getBean(AuditEventRows.class), sql)
                .find(new AuditQuery(org, null, null, null, null, null, null), null, 50).items().size());
        Map<String, List<String>> seqScans = new LinkedHashMap<>();
        Map<String, Integer> statements = new LinkedHashMap<>();
        for (var list : lists.entrySet()) {
            recording.drain();
            tx.readOnly(() -> list.getValue().get());
            List<RecordingConnections.Query> queries = recording.drain();
            assertThat(queries).as(list.getKey() + " ran queries").isNotEmpty();
            statements.put(list.getKey(), queries.size());
            for (RecordingConnections.Query q : queries) {
                String plan = explain(q);
                Matcher m = SEQ_SCAN.matcher(plan);
                while (m.find()) {
                    if (bigTables.contains(m.group(1))) {
                        seqScans.computeIfAbsent(list.getKey(), k -> new ArrayList<>()).add(q.sql() + "\n" + plan);
                    }
                }
            }
        }
        assertThat(seqScans).as("lists that scan a big table sequentially").isEmpty();
        // bounded by what the principal reaches (one organization, five projects), not by the 2,000 tenants
        assertThat(statements).as("statements per list").allSatisfy((list, n) -> assertThat(n).as(list).isLessThanOrEqualTo(MAX_STATEMENTS));
    }

    @Test
    void anOldAuditWindowIsARangeScanOfTheTimeIndex() throws SQLException {
        Instant since = Instant.now().minus(600, ChronoUnit.DAYS);
        recording.drain();
        new JdbcAuditLog(context.getBean(AuditEventRows.class), sql).find(
                new AuditQuery(null, null, null, null, null, since, since.plus(1, ChronoUnit.DAYS)), null, 50);
        List<RecordingConnections.Query> queries = recording.drain();
        assertThat(queries).hasSize(1);
        assertThat(explain(queries.get(0))).contains("audit_events_occurred_at_idx");
    }

    @Test
    void userSearchUsesTheTrigramIndexes() throws SQLException {
        recording.drain();
        PageRequest page = PageRequest.first();
        long total = new JdbcUsers(context.getBean(UserRows.class), sql).list(
                new ListQuery(page, null, null, null, null, "u1234-", null)).total();
        assertThat(total).isEqualTo(ScaleDataset.USERS_PER_ORGANIZATION);
        List<RecordingConnections.Query> queries = recording.drain();
        assertThat(queries).hasSize(1); // the count and the page, one statement
        // Users are few here (five per organization): a scan of 10,000 rows is what the planner rightly
        // picks, so the index is checked with sequential scans discouraged; with more users it is chosen.
        // The page may instead walk the order's index (newest first) and stop at the page's end.
        assertThat(explain(queries.get(0), "SET enable_seqscan = off"))
                .contains("users_email_trgm_idx", "users_lower_name_trgm_idx").doesNotContain("Seq Scan on users");
    }

    private static Object ids(Result<CursorPage<String>> found, int expected) {
        assertThat(found.isOk()).as(() -> String.valueOf(found)).isTrue();
        assertThat(found.value().items()).hasSize(expected);
        return found.value().items();
    }

    private static Object has(Result<Permissionship> r) {
        assertThat(r.value()).isEqualTo(Permissionship.HAS_PERMISSION);
        return r.value();
    }

    private static String explain(RecordingConnections.Query q, String... settings) throws SQLException {
        try (Connection c = database.database().connect()) {
            try (Statement s = c.createStatement()) {
                for (String setting : settings) {
                    s.execute(setting);
                }
            }
            return explain(c, q);
        }
    }

    private static String explain(Connection c, RecordingConnections.Query q) throws SQLException {
        try (PreparedStatement ps = q.prepare(c, "EXPLAIN "); ResultSet rs = ps.executeQuery()) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            return plan.toString();
        }
    }
}
