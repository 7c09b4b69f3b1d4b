package dev.gatehouse.core.authorization;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.gatehouse.core.authorization.Permissionship.HAS_PERMISSION;
import static dev.gatehouse.core.authorization.Permissionship.NO_PERMISSION;
import static org.assertj.core.api.Assertions.assertThat;

class LocalAuthorizerTest {
    private static final String SCHEMA = """
            use expiration

            definition user {}

            definition apikey {}

            definition organization {
              relation admin: user | apikey
              relation member: user | apikey
              permission manage = admin
              permission view = admin + member
            }

            definition project {
              relation org: organization
              relation editor: user | user with expiration
              relation banned: user
              permission edit = (editor + org->manage) - banned
              permission view = edit + org->view
            }

            definition environment {
              relation project: project
              relation viewer: user:* | user
              permission deploy = project->edit
              permission view = project->view + viewer
              permission everyone_deploys = project.all(edit)
            }

            definition group {
              relation member: user | group#member
            }
            """;

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));
    private MemoryRelationships store;
    private LocalAuthorizer authorizer;

    @BeforeEach
    void setUp() {
        MemoryTransactions tx = new MemoryTransactions();
        store = new MemoryRelationships(tx);
        authorizer = LocalAuthorizer.create(Schema.parse(SCHEMA).value(), store, tx, clock).value();
    }

    private static ObjectRef obj(String text) {
        return ObjectRef.parse(text);
    }

    private static SubjectRef subj(String text) {
        return SubjectRef.parse(text);
    }

    private ConsistencyToken write(String... relationships) {
        List<RelationshipUpdate> updates = new ArrayList<>();
        for (String r : relationships) {
            updates.add(RelationshipUpdate.touch(RelationshipText.parse(r).relationship()));
        }
        Result<ConsistencyToken> r = authorizer.write(updates);
        assertThat(r.isOk()).as("%s", r).isTrue();
        return r.value();
    }

    private Permissionship check(String resourcePermission, String subject) {
        int hash = resourcePermission.indexOf('#');
        Result<Permissionship> r = authorizer.check(obj(resourcePermission.substring(0, hash)),
                resourcePermission.substring(hash + 1), subj(subject));
        assertThat(r.isOk()).as("%s", r).isTrue();
        return r.value();
    }

    @Nested
    class Checks {
        @BeforeEach
        void tenant() {
            write("organization:acme#admin@user:alice",
                    "organization:acme#member@apikey:ci",
                    "project:web#org@organization:acme",
                    "project:web#editor@user:bob",
                    "project:web#banned@user:alice",
                    "environment:prod#project@project:web");
        }

        @Test
        void followsOrganizationToProjectToEnvironment() {
            assertThat(check("environment:prod#deploy", "user:bob")).isEqualTo(HAS_PERMISSION);
            assertThat(check("environment:prod#view", "apikey:ci")).isEqualTo(HAS_PERMISSION);
            assertThat(check("environment:prod#deploy", "apikey:ci")).isEqualTo(NO_PERMISSION);
            assertThat(check("environment:prod#view", "user:carol")).isEqualTo(NO_PERMISSION);
        }

        @Test
        void exclusionRemovesABannedAdmin() {
            assertThat(check("project:web#edit", "user:alice")).isEqualTo(NO_PERMISSION);
            assertThat(check("project:web#view", "user:alice")).isEqualTo(HAS_PERMISSION);
        }

        @Test
        void wildcardGrantsEveryUserButOnlyPlainUsers() {
            write("environment:prod#viewer@user:*");
            assertThat(check("environment:prod#view", "user:anyone")).isEqualTo(HAS_PERMISSION);
            assertThat(check("environment:prod#view", "apikey:other")).isEqualTo(NO_PERMISSION);
            Result<Permissionship> wildcard = authorizer.check(obj("environment:prod"), "view", subj("user:*"));
            assertThat(wildcard.failure().message()).contains("cannot check a wildcard subject");
        }

        @Test
        void allArrowNeedsEveryTargetAndAtLeastOne() {
            assertThat(check("environment:prod#everyone_deploys", "user:bob")).isEqualTo(HAS_PERMISSION);
            write("environment:prod#project@project:api", "project:api#editor@user:carol");
            assertThat(check("environment:prod#everyone_deploys", "user:bob")).isEqualTo(NO_PERMISSION);
            assertThat(check("environment:staging#everyone_deploys", "user:bob")).isEqualTo(NO_PERMISSION);
        }

        @Test
        void aSubjectSetIsAMemberOfItself() {
            assertThat(check("group:eng#member", "group:eng#member")).isEqualTo(HAS_PERMISSION);
            assertThat(check("group:eng#member", "group:ops#member")).isEqualTo(NO_PERMISSION);
        }

        @Test
        void failsOnUnknownTypesAndPermissions() {
            assertThat(authorizer.check(obj("nothing:x"), "view", subj("user:bob")).failure().message())
                    .contains("no definition 'nothing'");
            assertThat(authorizer.check(obj("project:web"), "fly", subj("user:bob")).failure().message())
                    .contains("no relation or permission 'fly'");
        }
    }

    @Nested
    class Expiration {
        @Test
        void expiredRelationshipsNeverGrant() {
            write("project:web#editor@user:bob[expiration:2026-03-01T01:00:00Z]",
                    "environment:prod#project@project:web");
            assertThat(check("environment:prod#deploy", "user:bob")).isEqualTo(HAS_PERMISSION);
            clock.advance(Duration.ofHours(1));
            assertThat(check("environment:prod#deploy", "user:bob")).isEqualTo(NO_PERMISSION);
            assertThat(authorizer.lookupResources("environment", "deploy", subj("user:bob"), Optional.empty(), 10)
                    .value().items()).isEmpty();
            assertThat(authorizer.lookupSubjects(obj("project:web"), "edit", "user", Optional.empty())
                    .value().subjectIds()).isEmpty();
        }
    }

    @Nested
    class Writes {
        private String rejection(String relationship) {
            Result<ConsistencyToken> r = authorizer.write(List.of(RelationshipUpdate.create(
                    RelationshipText.parse(relationship).relationship())));
            assertThat(r.isOk()).isFalse();
            assertThat(r.failure().reason()).isEqualTo(Reason.VALIDATION);
            return r.failure().message();
        }

        @Test
        void rejectRelationshipsTheSchemaDoesNotAllow() {
            assertThat(rejection("project:web#editor@apikey:ci"))
                    .contains("subjects of type 'apikey' are not allowed on relation 'project#editor'");
            assertThat(rejection("organization:acme#admin@user:*"))
                    .contains("subjects of type 'user:*' are not allowed");
            assertThat(rejection("organization:acme#admin@user:bob[expiration:2030-01-01T00:00:00Z]"))
                    .contains("'user with expiration' are not allowed");
            assertThat(rejection("project:web#edit@user:bob")).contains("cannot write a relationship to permission 'edit'");
            assertThat(rejection("project:web#owner@user:bob")).contains("no relation 'owner'");
            assertThat(rejection("group:eng#member@group:ops#admin")).contains("no relation or permission 'admin'");
            assertThat(store.revision()).isZero();
        }

        @Test
        void rejectInvalidIdsOnConstruction() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ObjectRef.parse("project:has space"))
                    .hasMessageContaining("invalid object id");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ObjectRef.parse("project:*"))
                    .hasMessageContaining("invalid object id");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SubjectRef.parse("user:*#member"))
                    .hasMessageContaining("a wildcard subject has no relation");
            assertThat(ObjectRef.parse("doc:--=base64YWZz+/fmIr|x_y==").id()).isEqualTo("--=base64YWZz+/fmIr|x_y==");
            assertThat(ObjectRef.parse("doc:" + "v".repeat(1024)).id()).hasSize(1024);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ObjectRef.parse("doc:" + "v".repeat(1025)))
                    .hasMessageContaining("1024");
        }

        @Test
        void tokensAreFreshnessBoundsForChecks() {
            ConsistencyToken token = write("organization:acme#admin@user:alice");
            assertThat(authorizer.check(obj("organization:acme"), "manage", subj("user:alice"), Optional.of(token))
                    .value()).isEqualTo(HAS_PERMISSION);
            Result<Permissionship> future = authorizer.check(obj("organization:acme"), "manage", subj("user:alice"),
                    Optional.of(new ConsistencyToken("999")));
            assertThat(future.failure().message()).contains("newer than the relationships");
            ConsistencyToken deleted = authorizer.delete(RelationshipFilter.ofResource(obj("organization:acme"))).value();
            assertThat(Long.parseLong(deleted.value())).isGreaterThan(Long.parseLong(token.value()));
            assertThat(check("organization:acme#manage", "user:alice")).isEqualTo(NO_PERMISSION);
        }
    }

    @Nested
    class Lookups {
        @Test
        void lookupResourcesPagesInIdOrder() {
            for (int i = 0; i < 7; i++) {
                write("project:p" + i + "#editor@user:bob");
            }
            write("project:p3#banned@user:bob");
            List<String> seen = new ArrayList<>();
            Optional<String> cursor = Optional.empty();
            int pages = 0;
            do {
                CursorPage<String> page = authorizer.lookupResources("project", "edit", subj("user:bob"), cursor, 2).value();
                seen.addAll(page.items());
                cursor = page.nextCursor();
                pages++;
            } while (cursor.isPresent());
            assertThat(seen).containsExactly("p0", "p1", "p2", "p4", "p5", "p6");
            assertThat(pages).isEqualTo(3);
            assertThat(authorizer.lookupResources("project", "edit", subj("user:bob"), Optional.of("???"), 2)
                    .failure().fieldErrors()).containsKey("cursor");
            assertThat(authorizer.lookupResources("project", "edit", subj("user:bob"), Optional.empty(), 0)
                    .failure().fieldErrors()).containsKey("limit");
        }

        @Test
        void lookupSubjectsReportsWildcardsWithTheirExclusions() {
            write("environment:prod#viewer@user:*", "environment:prod#viewer@user:bob");
            FoundSubjects found = authorizer.lookupSubjects(obj("environment:prod"), "view", "user", Optional.empty()).value();
            assertThat(found.wildcard()).isTrue();
            assertThat(found.subjectIds()).containsExactly("bob");

            Schema banned = Schema.parse("""
                    definition user {}
                    definition doc {
                      relation viewer: user | user:*
                      relation banned: user
                      permission view = viewer - banned
                    }""").value();
            MemoryTransactions tx = new MemoryTransactions();
            LocalAuthorizer local = LocalAuthorizer.create(banned, new MemoryRelationships(tx), tx, clock).value();
            local.write(List.of(RelationshipUpdate.create(RelationshipText.parse("doc:d#viewer@user:*").relationship()),
                    RelationshipUpdate.create(RelationshipText.parse("doc:d#banned@user:eve").relationship())));
            FoundSubjects view = local.lookupSubjects(obj("doc:d"), "view", "user", Optional.empty()).value();
            assertThat(view).isEqualTo(new FoundSubjects(List.of(), true, List.of("eve")));
            assertThat(view.includes("eve")).isFalse();
            assertThat(view.includes("anyone")).isTrue();
        }

        @Test
        void lookupSubjectsFindsSubjectSets() {
            write("group:eng#member@group:backend#member", "group:backend#member@user:bob");
            assertThat(authorizer.lookupSubjects(obj("group:eng"), "member", "group", Optional.of("member")).value()
                    .subjectIds()).containsExactly("backend", "eng");
            assertThat(authorizer.lookupSubjects(obj("group:eng"), "member", "user", Optional.empty()).value()
                    .subjectIds()).containsExactly("bob");
        }
    }

    @Nested
    class Termination {
        @Test
        void cyclesFailClosedInsteadOfOverflowing() {
            write("group:a#member@group:b#member", "group:b#member@group:a#member", "group:b#member@user:bob");
            assertThat(check("group:a#member", "user:bob")).isEqualTo(HAS_PERMISSION);
            Result<Permissionship> stranger = authorizer.check(obj("group:a"), "member", subj("user:eve"));
            assertThat(stranger.isOk()).isFalse();
            assertThat(stranger.failure().reason()).isEqualTo(Reason.INVALID_STATE);
            assertThat(stranger.failure().message()).contains("cycle");
            assertThat(stranger.failure().details()).containsEntry(AuthorizationFailures.CODE,
                    AuthorizationFailures.EVALUATION_ABORTED);
            assertThat(authorizer.lookupSubjects(obj("group:a"), "member", "user", Optional.empty())
                    .failure().message()).contains("cycle");
            assertThat(authorizer.lookupResources("group", "member", subj("user:eve"), Optional.empty(), 10)
                    .value().items()).isEmpty();
        }

        @Test
        void graphsDeeperThanFiftyFailWithTheDepthLimit() {
            List<String> chain = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                chain.add("group:g" + i + "#member@group:g" + (i + 1) + "#member");
            }
            chain.add("group:g60#member@user:bob");
            write(chain.toArray(String[]::new));
            assertThat(check("group:g20#member", "user:bob")).isEqualTo(HAS_PERMISSION);
            Result<Permissionship> deep = authorizer.check(obj("group:g0"), "member", subj("user:bob"));
            assertThat(deep.failure().message()).contains("maximum depth 50 exceeded");
            assertThat(authorizer.lookupSubjects(obj("group:g0"), "member", "user", Optional.empty())
                    .failure().message()).contains("maximum depth 50 exceeded");
            assertThat(authorizer.lookupResources("group", "member", subj("user:bob"), Optional.empty(), 100)
                    .failure().message()).contains("maximum depth 50 exceeded");
        }
    }

    @Test
    void refusesSchemasWithCaveatsNamingThem() {
        Schema caveated = Schema.parse("""
                caveat on_tuesday(day string) { day == 'tuesday' }
                definition user {}
                definition doc { relation viewer: user with on_tuesday; }""").value();
        MemoryTransactions tx = new MemoryTransactions();
        Result<LocalAuthorizer> r = LocalAuthorizer.create(caveated, new MemoryRelationships(tx), tx, clock);
        assertThat(r.failure().message()).contains("caveats are not supported").contains("on_tuesday");
        assertThat(r.failure().details()).containsEntry(AuthorizationFailures.CODE, AuthorizationFailures.CAVEATS_UNSUPPORTED);
    }
}
