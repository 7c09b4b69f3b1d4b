package dev.gatehouse.core.authorization;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lookup-resources on the product schema reads what the subject reaches, not the whole system: the
 * number of reads and of relationships read for one tenant's owner or API key is the same with 5 and
 * with 60 tenants, although every tenant has production environments ({@code production@user:*},
 * {@code production@api_key:*}) and per-key roles whose permissions are set to {@code api_key:*}.
 */
class LookupReachTest {

    /** Reads of the store and the relationships they returned. */
    static final class CountingRelationships implements Relationships {
        private final Relationships target;
        long reads;
        long rows;
        /** Reverse reads: what the lookup walk does (checks read forwards). */
        long reverseReads;

        CountingRelationships(Relationships target) {
            this.target = target;
        }

        @Override
        public Result<Long> write(List<RelationshipUpdate> updates) {
            return target.write(updates);
        }

        @Override
        public Result<Long> deleteWhere(RelationshipFilter filter) {
            return target.deleteWhere(filter);
        }

        @Override
        public List<Relationship> subjectsOf(ObjectRef resource, String relation) {
            return counted(target.subjectsOf(resource, relation));
        }

        @Override
        public List<Relationship> relatedTo(String subjectType, String subjectId, Optional<String> subjectRelation) {
            reverseReads++;
            return counted(target.relatedTo(subjectType, subjectId, subjectRelation));
        }

        @Override
        public List<Relationship> find(RelationshipFilter filter) {
            return counted(target.find(filter));
        }

        @Override
        public long revision() {
            return target.revision();
        }

        private List<Relationship> counted(List<Relationship> found) {
            reads++;
            rows += found.size();
            return found;
        }
    }

    private record Tenants(LocalAuthorizer authorizer, CountingRelationships store) {
        static Tenants of(int count) {
            MemoryTransactions tx = new MemoryTransactions();
            CountingRelationships store = new CountingRelationships(new MemoryRelationships(tx));
            Schema schema = Schema.parse(PermissionCatalog.productSchema()).value();
            LocalAuthorizer authorizer = LocalAuthorizer.create(schema, store, tx,
                    new TestClock(Instant.parse("2026-05-01T09:00:00Z"))).value();
            for (int o = 0; o < count; o++) {
                assertThat(authorizer.write(tenant(o).stream().map(RelationshipUpdate::create).toList()).isOk()).isTrue();
            }
            return new Tenants(authorizer, store);
        }

        long[] cost(String type, String permission, SubjectRef subject, List<String> expected) {
            store.reads = 0;
            store.rows = 0;
            Result<CursorPage<String>> found = authorizer.lookupResources(type, permission, subject, Optional.empty(), 1000);
            assertThat(found.isOk()).as(() -> String.valueOf(found)).isTrue();
            assertThat(found.value().items()).as(type + "#" + permission + " of " + subject).containsExactlyElementsOf(expected);
            return new long[]{store.reads, store.rows};
        }
    }

    /**
     * Tenant {@code o}: owner {@code owner<o>}, two projects with a production and a development
     * environment each, an organization-wide key {@code okey<o>} and a key {@code ekey<o>} on the
     * first production environment, each with its own role (scopes as {@code api_key:*} relations).
     */
    static List<Relationship> tenant(int o) {
        List<Relationship> rs = new ArrayList<>();
        ObjectRef org = new ObjectRef("organization", "o" + o);
        rs.add(Relationship.of(org, "owner", SubjectRef.of("user", "owner" + o)));
        for (int p = 0; p < 2; p++) {
            ObjectRef project = new ObjectRef("project", "p" + o + "_" + p);
            rs.add(Relationship.of(project, "organization", SubjectRef.of(org)));
            for (String kind : new String[]{"prod", "dev"}) {
                ObjectRef env = new ObjectRef("environment", "e" + o + "_" + p + "_" + kind);
                rs.add(Relationship.of(env, "project", SubjectRef.of(project)));
                if (kind.equals("prod")) {
                    rs.add(Relationship.of(env, "production", SubjectRef.wildcard("user")));
                    rs.add(Relationship.of(env, "production", SubjectRef.wildcard("api_key")));
                }
            }
        }
        rs.addAll(key("okey" + o, org));
        rs.addAll(key("ekey" + o, new ObjectRef("environment", "e" + o + "_0_prod")));
        return rs;
    }

    private static List<Relationship> key(String id, ObjectRef owner) {
        List<Relationship> rs = new ArrayList<>();
        ObjectRef role = new ObjectRef("role", id);
        ObjectRef binding = new ObjectRef("role_binding", id);
        for (String permission : List.of("organizations_read", "projects_read", "environments_read", "api_keys_write")) {
            rs.add(Relationship.of(role, permission, SubjectRef.wildcard("api_key")));
        }
        rs.add(Relationship.of(binding, "role", SubjectRef.of(role)));
        rs.add(Relationship.of(binding, "subject", SubjectRef.of("api_key", id)));
        rs.add(Relationship.of(owner, "binding", SubjectRef.of(binding)));
        return rs;
    }

    @ParameterizedTest(name = "{1}#{2} of {0}")
    @CsvSource(delimiter = '|', value = {
            "user:owner0|organization|organizations_read|o0",
            "user:owner0|project|projects_read|p0_0 p0_1",
            "user:owner0|environment|environments_read|e0_0_dev e0_0_prod e0_1_dev e0_1_prod",
            "user:owner0|environment|api_keys_write|e0_0_dev e0_0_prod e0_1_dev e0_1_prod",
            "api_key:okey0|organization|organizations_read|o0",
            "api_key:okey0|project|projects_read|p0_0 p0_1",
            "api_key:okey0|environment|environments_read|e0_0_dev e0_0_prod e0_1_dev e0_1_prod",
            "api_key:ekey0|environment|environments_read|e0_0_prod",
            "api_key:ekey0|organization|organizations_read|",
            "api_key:ekey0|environment|api_keys_write|e0_0_prod",
    })
    void readsTheSameWithTwelveTimesTheTenants(String subject, String type, String permission, String expected) {
        String[] s = subject.split(":");
        SubjectRef who = SubjectRef.of(s[0], s[1]);
        List<String> ids = expected == null ? List.of() : List.of(expected.split(" "));
        long[] few = Tenants.of(5).cost(type, permission, who, ids);
        long[] many = Tenants.of(60).cost(type, permission, who, ids);
        assertThat(many).as("reads and rows read with 60 tenants vs 5").containsExactly(few);
    }

    @Test
    void aWildcardRelationThatOnlyExcludesIsNeverEnumerated() {
        Schema schema = Schema.parse(PermissionCatalog.productSchema()).value();
        LookupPlan plan = LookupPlan.of(schema, "environment", "api_keys_write");
        assertThat(plan.needs("environment", "member")).isTrue();
        assertThat(plan.needs("environment", "production")).isFalse();
        assertThat(plan.wildcardRelations("user")).isEmpty();
        assertThat(plan.wildcardRelations("api_key")).isEmpty();
        // an intersection is entered from its branch without wildcards: the binding's subject
        assertThat(plan.needs("role_binding", "subject")).isTrue();
        assertThat(plan.needs("role", "api_keys_write")).isFalse();
    }

    @Test
    void aPermissionGrantedOnlyThroughAWildcardIsStillFound() {
        Schema schema = Schema.parse("""
                definition user {}
                definition document {
                    relation public: user:*
                    relation editor: user
                    permission view = public + editor
                    permission edit = editor & public
                }
                """).value();
        MemoryTransactions tx = new MemoryTransactions();
        LocalAuthorizer authz = LocalAuthorizer.create(schema, new MemoryRelationships(tx), tx,
                new TestClock(Instant.parse("2026-05-01T09:00:00Z"))).value();
        ObjectRef open = new ObjectRef("document", "open");
        ObjectRef mine = new ObjectRef("document", "mine");
        assertThat(authz.write(List.of(
                RelationshipUpdate.create(Relationship.of(open, "public", SubjectRef.wildcard("user"))),
                RelationshipUpdate.create(Relationship.of(mine, "public", SubjectRef.wildcard("user"))),
                RelationshipUpdate.create(Relationship.of(mine, "editor", SubjectRef.of("user", "ann"))))).isOk()).isTrue();
        assertThat(authz.lookupResources("document", "view", SubjectRef.of("user", "bob"), Optional.empty(), 10)
                .value().items()).containsExactly("mine", "open");
        assertThat(authz.lookupResources("document", "edit", SubjectRef.of("user", "ann"), Optional.empty(), 10)
                .value().items()).containsExactly("mine");
        assertThat(LookupPlan.of(schema, "document", "edit").wildcardRelations("user")).isEmpty();
    }

    @Test
    void laterPagesOfOneListingDoNotWalkAgainUnlessTheRelationshipsChanged() {
        Tenants tenants = Tenants.of(3);
        SubjectRef owner = SubjectRef.of("user", "owner0");
        var first = tenants.authorizer().lookupResources("environment", "environments_read", owner, Optional.empty(), 1).value();
        assertThat(first.items()).containsExactly("e0_0_dev");
        tenants.store().reverseReads = 0;
        var second = tenants.authorizer().lookupResources("environment", "environments_read", owner, first.nextCursor(), 1).value();
        assertThat(second.items()).containsExactly("e0_0_prod");
        assertThat(tenants.store().reverseReads).as("the walk's candidates were kept").isZero();

        // a change between pages: the next page walks again and sees it, as a fresh listing would
        assertThat(tenants.authorizer().write(List.of(RelationshipUpdate.create(Relationship.of(
                new ObjectRef("environment", "e0_0_qa"), "project", SubjectRef.of(new ObjectRef("project", "p0_0"))))))
                .isOk()).isTrue();
        var third = tenants.authorizer().lookupResources("environment", "environments_read", owner, second.nextCursor(), 1).value();
        assertThat(third.items()).containsExactly("e0_0_qa");
        assertThat(tenants.store().reverseReads).isPositive();
        List<String> rest = new ArrayList<>();
        Optional<String> cursor = third.nextCursor();
        while (cursor.isPresent()) {
            var page = tenants.authorizer().lookupResources("environment", "environments_read", owner, cursor, 1).value();
            rest.addAll(page.items());
            cursor = page.nextCursor();
        }
        assertThat(rest).containsExactly("e0_1_dev", "e0_1_prod");
    }

    @Test
    void aCursorOfAnotherQuestionOrAForgottenWalkStillPagesCorrectly() {
        Tenants tenants = Tenants.of(2);
        SubjectRef owner = SubjectRef.of("user", "owner0");
        var first = tenants.authorizer().lookupResources("environment", "environments_read", owner, Optional.empty(), 2).value();
        // the same cursor for another permission: its walk is not reused, the answer is that question's
        var other = tenants.authorizer().lookupResources("environment", "api_keys_write", owner, first.nextCursor(), 10).value();
        assertThat(other.items()).containsExactly("e0_1_dev", "e0_1_prod");
        String forgotten = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("12345:e0_0_prod".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(tenants.authorizer().lookupResources("environment", "environments_read", owner, Optional.of(forgotten), 10)
                .value().items()).containsExactly("e0_1_dev", "e0_1_prod");
    }
}
