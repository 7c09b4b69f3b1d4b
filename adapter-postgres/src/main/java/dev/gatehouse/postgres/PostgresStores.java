package dev.gatehouse.postgres;

import dev.gatehouse.core.authorization.RelationshipOutbox;
import dev.gatehouse.core.identity.IdentityStores;
import dev.gatehouse.core.platform.PlatformStores;
import dev.gatehouse.core.shared.ReadinessCheck;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.TenancyStores;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;

/**
 * The PostgreSQL adapter's only entry point: the core's driven ports as Micronaut beans, active when
 * {@code gatehouse.store=postgres}. Whoever starts the context configures the default datasource
 * ({@code datasources.default.url}, {@code .username}, {@code .password},
 * {@code .driver-class-name=org.postgresql.Driver}) and lets Flyway migrate it on start
 * ({@code flyway.datasources.default.enabled=true}); the migrations are {@code classpath:db/migration}.
 */
@Factory
@Requires(property = PostgresStores.STORE_PROPERTY, value = PostgresStores.STORE_VALUE)
public class PostgresStores {
    static final String STORE_PROPERTY = "gatehouse.store";
    static final String STORE_VALUE = "postgres";
    static final String MIGRATIONS = "classpath:db/migration";

    /**
     * Migrates the database at {@code url} to the newest schema with plain Flyway (no application
     * context), for the CLI's {@code migrate} command.
     *
     * @return the number of migrations applied (0 when it was up to date)
     */
    public static int migrate(String url, String user, String password) {
        return Flyway.configure(PostgresStores.class.getClassLoader())
                .dataSource(url, user, password)
                .locations(MIGRATIONS)
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /** {@code gatehouse.database.timeout} (default 5s) and {@code gatehouse.database.job-timeout} (default 10m). */
    @Singleton
    DatabaseTimeouts databaseTimeouts(@Value("${" + DatabaseTimeouts.REQUEST_PROPERTY + ":5s}") Duration request,
                                      @Value("${" + DatabaseTimeouts.JOB_PROPERTY + ":10m}") Duration job) {
        return new DatabaseTimeouts(request, job);
    }

    @Singleton
    Sql sql(ConnectionOperations<Connection> connections, TransactionOperations<Connection> transactions, DatabaseTimeouts timeouts) {
        return new Sql(connections, transactions, timeouts);
    }

    @Singleton
    Transactions transactions(TransactionOperations<Connection> operations) {
        return new JdbcTransactions(operations);
    }

    /** The identity feature's stores: users (email uniqueness is a unique index). */
    @Singleton
    IdentityStores identityStores(UserRows rows, Sql sql) {
        return new IdentityStores(new JdbcUsers(rows, sql));
    }

    /**
     * The sessions feature's stores: sessions as rows (the token itself is never stored), changes
     * announced with {@code pg_notify} and heard on a listening connection of the pool (ADR 0042).
     */
    @Singleton
    dev.gatehouse.core.sessions.SessionStores sessionStores(Sql sql, JdbcSessionChanges changes) {
        return new dev.gatehouse.core.sessions.SessionStores(new JdbcSessions(sql), changes);
    }

    /** Session changes over LISTEN/NOTIFY; the listener stops when the context closes. */
    @Singleton
    @Bean(preDestroy = "close")
    JdbcSessionChanges sessionChanges(Sql sql, DataSource dataSource, @Nullable DataSourceResolver resolver) {
        return new JdbcSessionChanges(sql, (resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource));
    }

    /**
     * The stores every feature shares: the append-only audit log, idempotency records (atomic claims),
     * relationships (one-row revision table), domain events appended in the caller's transaction, and
     * rate-limit token buckets shared by every instance on this database (leased in chunks).
     */
    @Singleton
    PlatformStores platformStores(AuditEventRows rows, Sql sql, Transactions transactions, PgRelationshipChanges changes) {
        // relationships announce every change on gatehouse_relationships for the local authorizer's index (ADR 0036)
        return new PlatformStores(new JdbcAuditLog(rows, sql), new JdbcIdempotencyRecords(sql), new JdbcRelationships(sql, transactions, changes),
                new JdbcEventOutbox(sql), new JdbcRateLimitStore(sql));
    }

    /** The token feature's stores: the instance's and projects' signing keys in one table. */
    @Singleton
    dev.gatehouse.core.tokens.TokenStores tokenStores(Sql sql) {
        return new dev.gatehouse.core.tokens.TokenStores(new JdbcSigningKeys(sql));
    }

    /** The feed of relationship changes the local authorizer's index listens to; its threads stop with the context. */
    @Singleton
    @Bean(preDestroy = "close")
    PgRelationshipChanges relationshipChanges(DataSource dataSource, @Nullable DataSourceResolver resolver,
                                              TransactionOperations<Connection> transactions) {
        return new PgRelationshipChanges((resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource),
                transactions);
    }

    /**
     * The outbox of relationship changes for SpiceDB: enqueue joins the caller's transaction, claims
     * and marks commit on their own. Bootstrap wraps the SpiceDB authorizer with it
     * ({@code OutboxAuthorizer}) and runs a {@code RelationshipRelay} over it on a schedule.
     */
    @Singleton
    RelationshipOutbox relationshipOutbox(Sql sql, Transactions transactions) {
        return new JdbcRelationshipOutbox(sql, transactions);
    }

    /** The tenancy feature's stores: organizations, memberships, invitations, projects, environments. */
    @Singleton
    TenancyStores tenancyStores(Sql sql) {
        return new TenancyStores(new JdbcOrganizations(sql), new JdbcMemberships(sql), new JdbcInvitations(sql),
                new JdbcProjects(sql), new JdbcEnvironments(sql));
    }

    /** The custom roles feature's stores: roles and role assignments; name and assignment uniqueness are unique indexes. */
    @Singleton
    dev.gatehouse.core.roles.RoleStores roleStores(Sql sql) {
        return new dev.gatehouse.core.roles.RoleStores(new JdbcRoles(sql));
    }

    /** The approvals feature's stores: access requests (votes, cancellation, revocation and expiry take the row lock), policies, workflows. */
    @Singleton
    dev.gatehouse.core.approvals.ApprovalStores approvalStores(Sql sql) {
        return new dev.gatehouse.core.approvals.ApprovalStores(new JdbcAccessRequests(sql), new JdbcAccessPolicies(sql),
                new JdbcWorkflows(sql));
    }

    /** The entitlements feature's stores: overrides, and usage counters and records (the check-and-count is one conditional upsert). */
    @Singleton
    dev.gatehouse.core.entitlements.EntitlementStores entitlementStores(Sql sql) {
        return new dev.gatehouse.core.entitlements.EntitlementStores(new JdbcEntitlementOverrides(sql), new JdbcUsageLedger(sql));
    }

    /**
     * API key revocations announced with {@code pg_notify} in the revoking transaction and heard on a
     * listening connection of the pool; bootstrap calls {@code deliverTo} with the domain's cache at
     * start, and the listener stops when the context closes.
     */
    @Singleton
    @Bean(preDestroy = "close")
    JdbcKeyRevocations keyRevocations(Sql sql, DataSource dataSource, @Nullable DataSourceResolver resolver) {
        return new JdbcKeyRevocations(sql, (resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource));
    }

    /** The API keys feature's stores: keys as rows, revocations announced with {@code pg_notify}. */
    @Singleton
    dev.gatehouse.core.keys.KeyStores keyStores(Sql sql, JdbcKeyRevocations revocations) {
        return new dev.gatehouse.core.keys.KeyStores(new JdbcApiKeys(sql), revocations);
    }

    /** The webhooks feature's stores: endpoints, and the deliveries below. */
    @Singleton
    dev.gatehouse.core.webhooks.WebhookStores webhookStores(Sql sql, JdbcWebhookDeliveries deliveries) {
        return new dev.gatehouse.core.webhooks.WebhookStores(new JdbcWebhookEndpoints(sql), deliveries);
    }

    /**
     * Webhook deliveries and the outbox fan-out; its LISTEN thread (started by the dispatcher) stops
     * when the context closes.
     */
    @Singleton
    @Bean(preDestroy = "close")
    JdbcWebhookDeliveries webhookDeliveries(Sql sql, DataSource dataSource, @Nullable DataSourceResolver resolver) {
        return new JdbcWebhookDeliveries(sql, (resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource));
    }

    @Singleton
    ReadinessCheck databaseReadiness(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        // The injected DataSource hands out the connection of the current transaction context (and
        // fails outside one); the probe needs a connection of its own from the pool underneath.
        return new PostgresReadinessCheck((resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource));
    }
}
