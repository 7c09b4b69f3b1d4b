package dev.gatehouse.core.authorization;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The product schema {@code gatehouse.zed}: it parses, matches the catalog, and means what the roles promise. */
class ProductSchemaTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-05-01T09:00:00Z"));
    private LocalAuthorizer authz;

    private static final ObjectRef ORG = new ObjectRef("organization", "acme");
    private static final ObjectRef PRJ = new ObjectRef("project", "web");
    private static final ObjectRef PROD = new ObjectRef("environment", "web-prod");
    private static final ObjectRef DEV = new ObjectRef("environment", "web-dev");

    @BeforeEach
    void setUp() {
        MemoryTransactions tx = new MemoryTransactions();
        Schema schema = Schema.parse(PermissionCatalog.productSchema()).value();
        authz = LocalAuthorizer.create(schema, new MemoryRelationships(tx), tx, clock).value();
        write(
                rel(PRJ, "organization", SubjectRef.of(ORG)),
                rel(PROD, "project", SubjectRef.of(PRJ)),
                rel(DEV, "project", SubjectRef.of(PRJ)),
                rel(PROD, "production", SubjectRef.wildcard("user")),
                rel(PROD, "production", SubjectRef.wildcard("api_key")),
                rel(ORG, "owner", user("olivia")),
                rel(ORG, "admin", user("adam")),
                rel(ORG, "member", user("mia")),
                rel(ORG, "viewer", user("victor")));
    }

    private static SubjectRef user(String id) {
        return SubjectRef.of("user", id);
    }

    private static Relationship rel(ObjectRef resource, String relation, SubjectRef subject) {
        return Relationship.of(resource, relation, subject);
    }

    private void write(Relationship... relationships) {
        var result = authz.write(java.util.Arrays.stream(relationships).map(RelationshipUpdate::create).toList());
        assertThat(result.isOk()).as(() -> String.valueOf(result)).isTrue();
    }

    private boolean can(SubjectRef who, String permission, ObjectRef on) {
        var r = authz.check(on, permission, who);
        assertThat(r.isOk()).as(() -> String.valueOf(r)).isTrue();
        return r.value() == Permissionship.HAS_PERMISSION;
    }

    @Test
    void everyCatalogScopeIsAPermissionOfEveryTenantResource() {
        Schema schema = Schema.parse(PermissionCatalog.productSchema()).value();
        for (var e : PermissionCatalog.entries()) {
            assertThat(e.permission()).isEqualTo(e.scope().replace(':', '_').replace('-', '_'));
            for (ObjectRef on : List.of(ORG, PRJ, PROD)) {
                var r = authz.check(on, e.permission(), user("nobody"));
                assertThat(r.isOk()).as("%s on %s", e.permission(), on.type()).isTrue();
            }
        }
        assertThat(schema.usesCaveats()).isFalse();
    }

    @Test
    void theDocumentedScopeTableMatchesTheCatalog() throws Exception {
        var doc = java.nio.file.Path.of("..", "docs", "authorization.md");
        assertThat(doc).as("docs/authorization.md, read from the core-domain module directory").exists();
        String text = java.nio.file.Files.readString(doc);
        for (var e : PermissionCatalog.entries()) {
            assertThat(text).contains("| `" + e.scope() + "` | `" + e.permission() + "` | "
                    + e.leastRole().name().toLowerCase(java.util.Locale.ROOT) + " | " + e.description() + " |");
        }
    }

    @ParameterizedTest
    @EnumSource(PermissionCatalog.Role.class)
    void eachBuiltInRoleHoldsExactlyTheScopesAtOrBelowIt(PermissionCatalog.Role role) {
        String who = switch (role) {
            case OWNER -> "olivia";
            case ADMIN -> "adam";
            case MEMBER -> "mia";
            case VIEWER -> "victor";
        };
        for (var e : PermissionCatalog.entries()) {
            boolean expected = e.leastRole().compareTo(role) <= 0;
            assertThat(can(user(who), e.permission(), ORG)).as("%s %s", who, e.scope()).isEqualTo(expected);
            // The one difference below the organization: members also create keys outside production.
            boolean inDevelopment = expected
                    || (e.scope().equals("api-keys:write") && role.compareTo(PermissionCatalog.Role.MEMBER) >= 0);
            assertThat(can(user(who), e.permission(), DEV)).as("%s %s in development", who, e.scope()).isEqualTo(inDevelopment);
            assertThat(can(user(who), e.permission(), PROD)).as("%s %s in production", who, e.scope()).isEqualTo(expected);
        }
        for (var e : PermissionCatalog.entries()) {
            assertThat(can(user("stranger"), e.permission(), ORG)).isFalse();
        }
    }

    @Nested
    class Environments {
        @Test
        void membersCreateKeysOnlyOutsideProduction() {
            assertThat(can(user("mia"), "api_keys_write", DEV)).isTrue();
            assertThat(can(user("mia"), "api_keys_write", PROD)).isFalse();
            assertThat(can(user("adam"), "api_keys_write", PROD)).isTrue();
            assertThat(can(user("victor"), "api_keys_write", DEV)).isFalse();
        }

        @Test
        void projectRolesReachTheirEnvironmentsButNotTheOrganization() {
            write(rel(PRJ, "member", user("pat")));
            assertThat(can(user("pat"), "projects_read", PRJ)).isTrue();
            assertThat(can(user("pat"), "api_keys_write", DEV)).isTrue();
            assertThat(can(user("pat"), "api_keys_write", PROD)).isFalse();
            assertThat(can(user("pat"), "projects_read", ORG)).isFalse();
            assertThat(can(user("pat"), "members_write", PRJ)).isFalse();
        }
    }

    @Nested
    class CustomRoles {
        @Test
        void aBindingGrantsTheRolesPermissionsToItsSubjectsOnly() {
            ObjectRef role = new ObjectRef("role", "deployer");
            ObjectRef binding = new ObjectRef("role_binding", "b1");
            write(rel(role, "api_keys_write", SubjectRef.wildcard("user")),
                    rel(role, "api_keys_write", SubjectRef.wildcard("api_key")),
                    rel(binding, "role", SubjectRef.of(role)),
                    rel(binding, "subject", SubjectRef.of("api_key", "ci")),
                    rel(PROD, "binding", SubjectRef.of(binding)));
            assertThat(can(SubjectRef.of("api_key", "ci"), "api_keys_write", PROD)).isTrue();
            assertThat(can(SubjectRef.of("api_key", "ci"), "projects_write", PROD)).isFalse();
            assertThat(can(SubjectRef.of("api_key", "ci"), "api_keys_write", DEV)).isFalse();
            assertThat(can(SubjectRef.of("api_key", "other"), "api_keys_write", PROD)).isFalse();
        }
    }

    @Nested
    class TimeBoxedGrants {
        @Test
        void anExpiringGrantEndsByItself() {
            write(Relationship.expiring(PROD, "admin", user("jit"), clock.instant().plus(Duration.ofHours(1))));
            assertThat(can(user("jit"), "api_keys_write", PROD)).isTrue();
            clock.advance(Duration.ofHours(1));
            assertThat(can(user("jit"), "api_keys_write", PROD)).isFalse();
        }

        @Test
        void lookupsSeeTheGrantWhileItLasts() {
            write(Relationship.expiring(PRJ, "viewer", user("jit"), clock.instant().plus(Duration.ofMinutes(30))));
            var resources = authz.lookupResources("environment", "projects_read", user("jit"), Optional.empty(), 100).value();
            assertThat(resources.items()).containsExactlyInAnyOrder("web-dev", "web-prod");
            clock.advance(Duration.ofMinutes(31));
            assertThat(authz.lookupResources("environment", "projects_read", user("jit"), Optional.empty(), 100).value().items()).isEmpty();
        }
    }
}
