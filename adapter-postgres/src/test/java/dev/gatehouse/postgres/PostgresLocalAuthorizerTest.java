package dev.gatehouse.postgres;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.Relationships;
import dev.gatehouse.core.authorization.RelationshipText;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.Schema;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocalAuthorizer} over {@link JdbcRelationships} answers exactly as over
 * {@link MemoryRelationships}: every check, lookup-resources (page by page) and lookup-subjects of a
 * small tenant schema (organization → project → environment with roles, teams, a wildcard, expiring
 * grants, a cycle), before and after changes and as expirations pass.
 */
class PostgresLocalAuthorizerTest {
    private static final String SCHEMA = """
            use expiration

            definition user {}

            definition apikey {}

            definition team {
              relation member: user | team#member
            }

            definition organization {
              relation admin: user | team#member
              relation member: user | apikey | team#member
              relation banned: user
              permission manage = admin - banned
              permission view = manage + member
            }

            definition project {
              relation org: organization
              relation owner: user
              relation editor: user | user with expiration | team#member
              relation viewer: user:* | user
              permission edit = owner + editor + org->manage
              permission view = edit + viewer + org->view
            }

            definition environment {
              relation project: project
              relation deployer: user | apikey | user with expiration
              relation approver: user
              permission deploy = (deployer + project->edit) & project->view
              permission approve = approver & project->edit
              permission view = project->view + deploy
              permission everyone_edits = project.all(edit)
            }
            """;

    /** What every question is asked about; the types with their permissions and relations. */
    private static final Map<String, List<String>> PERMISSIONS = Map.of(
            "organization", List.of("admin", "member", "manage", "view"),
            "project", List.of("owner", "editor", "viewer", "edit", "view"),
            "environment", List.of("deployer", "deploy", "approve", "view", "everyone_edits"),
            "team", List.of("member"));
    private static final Map<String, List<String>> OBJECTS = Map.of(
            "organization", List.of("acme", "globex", "initech"),
            "project", List.of("web", "api", "data", "public"),
            "environment", List.of("prod", "staging", "dev", "sandbox", "lab"),
            "team", List.of("core", "ops", "sre", "loop_a", "loop_b"));
    private static final List<SubjectRef> SUBJECTS = List.of(
            SubjectRef.of("user", "alice"), SubjectRef.of("user", "bob"), SubjectRef.of("user", "carol"),
            SubjectRef.of("user", "dave"), SubjectRef.of("user", "erin"), SubjectRef.of("user", "frank"),
            SubjectRef.of("user", "stranger"), SubjectRef.of("apikey", "ci"), SubjectRef.of("apikey", "deploybot"),
            SubjectRef.parse("team:core#member"), SubjectRef.parse("team:ops#member"));

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    private TestClock clock;
    private LocalAuthorizer memory;
    private LocalAuthorizer postgres;

    @BeforeEach
    void twoAuthorizers() {
        BEANS.database().truncateAllTables();
        clock = new TestClock(START);
        Schema schema = Schema.parse(SCHEMA).value();
        MemoryTransactions memoryTx = new MemoryTransactions();
        memory = LocalAuthorizer.create(schema, new MemoryRelationships(memoryTx), memoryTx, clock).value();
        postgres = LocalAuthorizer.create(schema, postgresRelationships(),
                BEANS.bean(Transactions.class), clock).value();
        write(RelationshipUpdate.Operation.TOUCH,
                "organization:acme#admin@user:alice",
                "organization:acme#admin@team:core#member",
                "organization:acme#member@apikey:ci",
                "organization:acme#member@team:ops#member",
                "organization:acme#banned@user:carol",
                "organization:globex#admin@user:dave",
                "organization:globex#member@user:alice",
                "team:core#member@user:carol",
                "team:core#member@team:sre#member",
                "team:sre#member@user:erin",
                "team:ops#member@user:frank",
                "team:loop_a#member@team:loop_b#member",
                "team:loop_b#member@team:loop_a#member",
                "project:web#org@organization:acme",
                "project:web#owner@user:bob",
                "project:api#org@organization:acme",
                "project:api#editor@user:frank[expiration:2026-03-01T01:00:00Z]",
                "project:api#editor@team:ops#member",
                "project:data#org@organization:globex",
                "project:data#editor@user:bob[expiration:2026-02-01T00:00:00Z]",
                "project:public#viewer@user:*",
                "project:public#owner@user:dave",
                "environment:prod#project@project:web",
                "environment:prod#deployer@apikey:deploybot",
                "environment:prod#approver@user:alice",
                "environment:prod#approver@user:stranger",
                "environment:staging#project@project:web",
                "environment:staging#project@project:api",
                "environment:staging#deployer@user:erin[expiration:2026-03-01T00:30:00Z]",
                "environment:dev#project@project:data",
                "environment:dev#deployer@apikey:ci",
                "environment:sandbox#project@project:public",
                "environment:sandbox#deployer@user:stranger");
    }

    /** The PostgreSQL relationships the evaluator reads: the store itself here. */
    Relationships postgresRelationships() {
        return BEANS.bean(dev.gatehouse.core.platform.PlatformStores.class).relationships();
    }

    private void write(RelationshipUpdate.Operation operation, String... relationships) {
        List<RelationshipUpdate> updates = new ArrayList<>();
        for (String text : relationships) {
            updates.add(new RelationshipUpdate(operation, RelationshipText.parse(text).relationship()));
        }
        Result<ConsistencyToken> inMemory = memory.write(updates);
        Result<ConsistencyToken> inPostgres = postgres.write(updates);
        assertThat(describe(inPostgres)).isEqualTo(describe(inMemory));
    }

    private static String describe(Result<?> r) {
        return r.isOk() ? "ok " + r.value() : "failed " + r.failure().reason() + ": " + r.failure().message();
    }

    /** Asks both every question; returns how many answers were permissions, to prove the data grants some. */
    private long bothAgreeOnEverything() {
        long granted = 0;
        int questions = 0;
        for (var type : PERMISSIONS.entrySet()) {
            for (String permission : type.getValue()) {
                for (String id : OBJECTS.get(type.getKey())) {
                    ObjectRef resource = new ObjectRef(type.getKey(), id);
                    for (SubjectRef subject : SUBJECTS) {
                        Result<Permissionship> expected = memory.check(resource, permission, subject);
                        assertThat(describe(postgres.check(resource, permission, subject)))
                                .as("check %s#%s@%s", resource, permission, subject).isEqualTo(describe(expected));
                        granted += expected.isOk() && expected.value() == Permissionship.HAS_PERMISSION ? 1 : 0;
                        questions++;
                    }
                    for (String[] subjectType : new String[][]{{"user", null}, {"apikey", null}, {"team", "member"}}) {
                        Optional<String> relation = Optional.ofNullable(subjectType[1]);
                        assertThat(describe(postgres.lookupSubjects(resource, permission, subjectType[0], relation)))
                                .as("lookupSubjects %s#%s %s", resource, permission, subjectType[0])
                                .isEqualTo(describe(memory.lookupSubjects(resource, permission, subjectType[0], relation)));
                    }
                }
                for (SubjectRef subject : SUBJECTS) {
                    assertThat(allPages(postgres, type.getKey(), permission, subject))
                            .as("lookupResources %s#%s@%s", type.getKey(), permission, subject)
                            .isEqualTo(allPages(memory, type.getKey(), permission, subject));
                }
            }
        }
        assertThat(questions).isGreaterThan(500);
        return granted;
    }

    private static List<String> allPages(LocalAuthorizer authorizer, String type, String permission, SubjectRef subject) {
        List<String> pages = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Result<CursorPage<String>> page = authorizer.lookupResources(type, permission, subject, cursor, 2);
            pages.add(describe(page.map(CursorPage::items)));
            cursor = page.isOk() ? page.value().nextCursor() : Optional.empty();
        } while (cursor.isPresent());
        return pages;
    }

    @Test
    void answersEveryQuestionAsOverTheMemoryStore() {
        long granted = bothAgreeOnEverything();
        assertThat(granted).isGreaterThan(50);
        // spot checks that the data means what the comparison relies on
        assertThat(postgres.check(new ObjectRef("environment", "prod"), "deploy", SubjectRef.of("user", "erin")).value())
                .isEqualTo(Permissionship.HAS_PERMISSION); // erin ∈ sre ⊂ core, admins of acme
        assertThat(postgres.check(new ObjectRef("environment", "prod"), "approve", SubjectRef.of("user", "stranger")).value())
                .isEqualTo(Permissionship.NO_PERMISSION);
        assertThat(postgres.check(new ObjectRef("environment", "staging"), "everyone_edits", SubjectRef.of("user", "frank")).value())
                .isEqualTo(Permissionship.NO_PERMISSION);
        assertThat(postgres.check(new ObjectRef("team", "loop_a"), "member", SubjectRef.of("user", "alice")).isOk())
                .as("a cycle fails closed").isFalse();
    }

    @Test
    void keepsAgreeingAfterChangesAndAsExpirationsPass() {
        write(RelationshipUpdate.Operation.TOUCH,
                "project:data#editor@user:bob[expiration:2026-03-01T02:00:00Z]", // renewed
                "environment:lab#project@project:api",
                "environment:lab#project@project:public");
        write(RelationshipUpdate.Operation.DELETE, "organization:acme#banned@user:carol", "team:loop_b#member@team:loop_a#member");
        write(RelationshipUpdate.Operation.CREATE, "organization:acme#admin@user:alice"); // conflict: nothing changes
        assertThat(describe(postgres.delete(RelationshipFilter.any().withResourceType("environment").withRelation("approver"))))
                .isEqualTo(describe(memory.delete(RelationshipFilter.any().withResourceType("environment").withRelation("approver"))));
        bothAgreeOnEverything();
        clock.advance(Duration.ofMinutes(45)); // erin's deployer grant has expired
        bothAgreeOnEverything();
        clock.advance(Duration.ofHours(2)); // frank's and bob's editor grants too
        bothAgreeOnEverything();
    }

    @Test
    void honoursItsOwnConsistencyTokens() {
        Result<ConsistencyToken> token = postgres.write(List.of(RelationshipUpdate.touch(
                RelationshipText.parse("project:web#owner@user:stranger").relationship())));
        ObjectRef web = new ObjectRef("project", "web");
        SubjectRef stranger = SubjectRef.of("user", "stranger");
        assertThat(postgres.check(web, "edit", stranger, Optional.of(token.value())).value())
                .isEqualTo(Permissionship.HAS_PERMISSION);
        long revision = Long.parseLong(token.value().value());
        Result<Permissionship> tooFresh = postgres.check(web, "edit", stranger,
                Optional.of(new ConsistencyToken(Long.toString(revision + 1))));
        assertThat(tooFresh.isOk()).isFalse();
        assertThat(tooFresh.failure().message()).contains("newer than the relationships");
    }
}
