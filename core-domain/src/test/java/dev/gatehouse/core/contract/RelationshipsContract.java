package dev.gatehouse.core.contract;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipCaveat;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.Relationships;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.gatehouse.core.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every {@link Relationships} implementation shows. Each test gets an empty store. */
public abstract class RelationshipsContract {

    protected abstract Relationships relationships();

    private Relationships store;

    private static final ObjectRef DOC = new ObjectRef("document", "d1");
    private static final ObjectRef OTHER_DOC = new ObjectRef("document", "d2");
    private static final SubjectRef TOM = SubjectRef.of("user", "tom");
    private static final SubjectRef ANN = SubjectRef.of("user", "ann");
    private static final SubjectRef CORE_MEMBERS = SubjectRef.parse("team:core#member");
    private static final SubjectRef EVERY_USER = SubjectRef.wildcard("user");

    private static Relationship rel(ObjectRef resource, String relation, SubjectRef subject) {
        return Relationship.of(resource, relation, subject);
    }

    @BeforeEach
    void freshStore() {
        store = relationships();
    }

    /**
     * The permission queries refuse names no schema can hold (NUL and other control characters
     * included) in the core, before any store is read: 422 naming the field, alike on every store.
     */
    @Test
    void permissionQueriesRefuseControlCharactersInNamesAlikeOnEveryStore() {
        var schema = dev.gatehouse.core.authorization.Schema.parse(
                "definition user {}\ndefinition document {\n relation viewer: user\n permission view = viewer\n}").value();
        dev.gatehouse.core.shared.Transactions direct = new dev.gatehouse.core.shared.Transactions() {
            @Override
            public <T> T inTransaction(java.util.function.Supplier<T> work) {
                return work.get();
            }
        };
        var authorizer = dev.gatehouse.core.authorization.LocalAuthorizer.create(schema, store, direct,
                java.time.Clock.systemUTC()).value();
        write(RelationshipUpdate.create(rel(DOC, "viewer", TOM)));
        var admin = dev.gatehouse.core.shared.Caller.system("contract");
        var check = new dev.gatehouse.core.authorization.CheckPermission(authorizer, java.time.Clock.systemUTC());
        var resources = new dev.gatehouse.core.authorization.LookupResources(authorizer);
        var subjects = new dev.gatehouse.core.authorization.LookupSubjects(authorizer);
        assertThat(check.handle(new dev.gatehouse.core.authorization.CheckPermission.Command(admin, DOC, "view", TOM)).value()
                .allowed()).isTrue();
        for (String bad : List.of("vi\u0000ew", "view\n", "\u0007view")) {
            var checked = check.handle(new dev.gatehouse.core.authorization.CheckPermission.Command(admin, DOC, bad, TOM));
            assertThat(checked.isOk()).isFalse();
            assertThat(checked.failure().reason()).isEqualTo(Reason.VALIDATION);
            assertThat(checked.failure().fieldErrors()).containsKey("permission");
            var found = resources.handle(new dev.gatehouse.core.authorization.LookupResources.Command(admin, "docu\u0000ment", bad, TOM,
                    Optional.empty(), 10));
            assertThat(found.isOk()).isFalse();
            assertThat(found.failure().fieldErrors()).containsKeys("resource_type", "permission");
            var who = subjects.handle(new dev.gatehouse.core.authorization.LookupSubjects.Command(admin, DOC, "view", "us\u0000er",
                    Optional.of(bad)));
            assertThat(who.isOk()).isFalse();
            assertThat(who.failure().fieldErrors()).containsKeys("subject_type", "subject_relation");
        }
    }

    private long write(RelationshipUpdate... updates) {
        Result<Long> r = store.write(List.of(updates));
        assertThat(r.isOk()).as("%s", r).isTrue();
        return r.value();
    }

    @Nested
    class Writing {
        @Test
        void createsAndReadsBackFaithfullyIncludingExpiration() {
            Relationship expiring = Relationship.expiring(DOC, "viewer", ANN, at(60));
            write(RelationshipUpdate.create(rel(DOC, "viewer", TOM)), RelationshipUpdate.create(expiring));
            assertThat(store.subjectsOf(DOC, "viewer")).containsExactlyInAnyOrder(rel(DOC, "viewer", TOM), expiring);
            assertThat(store.subjectsOf(DOC, "editor")).isEmpty();
            assertThat(store.subjectsOf(OTHER_DOC, "viewer")).isEmpty();
        }

        @Test
        void createOfAnExistingRelationshipFailsTheWholeBatch() {
            write(RelationshipUpdate.create(rel(DOC, "viewer", TOM)));
            long before = store.revision();
            Result<Long> r = store.write(List.of(RelationshipUpdate.create(rel(DOC, "viewer", ANN)),
                    RelationshipUpdate.create(Relationship.expiring(DOC, "viewer", TOM, at(5)))));
            assertThat(r.isOk()).isFalse();
            assertThat(r.failure().reason()).isEqualTo(Reason.CONFLICT);
            assertThat(r.failure().message()).contains("document:d1#viewer@user:tom");
            assertThat(store.subjectsOf(DOC, "viewer")).containsExactly(rel(DOC, "viewer", TOM));
            assertThat(store.revision()).isEqualTo(before);
        }

        @Test
        void touchUpsertsTheExpiration() {
            write(RelationshipUpdate.touch(rel(DOC, "viewer", TOM)));
            Relationship expiring = Relationship.expiring(DOC, "viewer", TOM, at(60));
            write(RelationshipUpdate.touch(expiring));
            assertThat(store.subjectsOf(DOC, "viewer")).containsExactly(expiring);
            write(RelationshipUpdate.touch(rel(DOC, "viewer", TOM)));
            assertThat(store.subjectsOf(DOC, "viewer")).containsExactly(rel(DOC, "viewer", TOM));
        }

        @Test
        void keepsACaveatAndItsContextExactlyAndTouchReplacesThem() {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("limit", 42L);
            context.put("ratio", 0.5);
            context.put("tags", List.of("a", "b"));
            context.put("nested", Map.of("ok", true));
            context.put("nothing", null);
            Relationship caveated = rel(DOC, "viewer", TOM).withCaveat(new RelationshipCaveat("has_quota", context));
            Relationship bare = Relationship.expiring(DOC, "viewer", ANN, at(60)).withCaveat(RelationshipCaveat.of("other"));
            write(RelationshipUpdate.create(caveated), RelationshipUpdate.create(bare));
            assertThat(store.subjectsOf(DOC, "viewer")).containsExactlyInAnyOrder(caveated, bare);
            assertThat(store.relatedTo("user", "tom", Optional.empty())).containsExactly(caveated);
            Relationship read = store.subjectsOf(DOC, "viewer").stream()
                    .filter(r -> r.subject().equals(TOM)).findFirst().orElseThrow();
            assertThat(read.caveat().orElseThrow().context()).containsExactlyEntriesOf(context);
            assertThat(read.toString()).isEqualTo("document:d1#viewer@user:tom[has_quota:"
                    + "{\"limit\":42,\"ratio\":0.5,\"tags\":[\"a\",\"b\"],\"nested\":{\"ok\":true},\"nothing\":null}]");
            // a TOUCH replaces the caveat (or removes it), as SpiceDB's does
            write(RelationshipUpdate.touch(rel(DOC, "viewer", TOM)));
            assertThat(store.subjectsOf(DOC, "viewer")).containsExactlyInAnyOrder(rel(DOC, "viewer", TOM), bare);
            write(RelationshipUpdate.touch(caveated));
            assertThat(store.find(RelationshipFilter.ofResource(DOC))).containsExactlyInAnyOrder(caveated, bare);
        }

        @Test
        void deleteRemovesWhateverTheExpirationAndIgnoresAbsentOnes() {
            write(RelationshipUpdate.create(Relationship.expiring(DOC, "viewer", TOM, at(60))));
            write(RelationshipUpdate.delete(rel(DOC, "viewer", TOM)), RelationshipUpdate.delete(rel(DOC, "viewer", ANN)));
            assertThat(store.subjectsOf(DOC, "viewer")).isEmpty();
            assertThat(store.relatedTo("user", "tom", Optional.empty())).isEmpty();
        }

        @Test
        void rejectsTwoUpdatesOfTheSameRelationshipInOneBatch() {
            Result<Long> r = store.write(List.of(RelationshipUpdate.touch(rel(DOC, "viewer", TOM)),
                    RelationshipUpdate.delete(rel(DOC, "viewer", TOM))));
            assertThat(r.isOk()).isFalse();
            assertThat(r.failure().reason()).isEqualTo(Reason.VALIDATION);
            assertThat(store.subjectsOf(DOC, "viewer")).isEmpty();
        }

        @Test
        void everyChangeYieldsAGreaterRevision() {
            assertThat(store.revision()).isZero();
            long first = write(RelationshipUpdate.create(rel(DOC, "viewer", TOM)));
            long second = write(RelationshipUpdate.touch(rel(DOC, "viewer", ANN)));
            long third = store.deleteWhere(RelationshipFilter.ofResource(DOC)).value();
            assertThat(first).isPositive();
            assertThat(second).isGreaterThan(first);
            assertThat(third).isGreaterThan(second);
            assertThat(store.revision()).isEqualTo(third);
        }
    }

    @Nested
    class Reading {
        @BeforeEach
        void someRelationships() {
            write(RelationshipUpdate.create(rel(DOC, "viewer", TOM)),
                    RelationshipUpdate.create(rel(DOC, "viewer", CORE_MEMBERS)),
                    RelationshipUpdate.create(rel(DOC, "editor", TOM)),
                    RelationshipUpdate.create(rel(OTHER_DOC, "viewer", EVERY_USER)),
                    RelationshipUpdate.create(rel(new ObjectRef("team", "core"), "member", ANN)));
        }

        @Test
        void findsTheSubjectsOfARelation() {
            assertThat(store.subjectsOf(DOC, "viewer"))
                    .containsExactlyInAnyOrder(rel(DOC, "viewer", TOM), rel(DOC, "viewer", CORE_MEMBERS));
        }

        @Test
        void findsRelationshipsBySubjectWithOrWithoutItsRelation() {
            assertThat(store.relatedTo("user", "tom", Optional.of(SubjectRef.ELLIPSIS)))
                    .containsExactlyInAnyOrder(rel(DOC, "viewer", TOM), rel(DOC, "editor", TOM));
            assertThat(store.relatedTo("team", "core", Optional.of("member"))).containsExactly(rel(DOC, "viewer", CORE_MEMBERS));
            assertThat(store.relatedTo("team", "core", Optional.of(SubjectRef.ELLIPSIS))).isEmpty();
            assertThat(store.relatedTo("team", "core", Optional.empty())).containsExactly(rel(DOC, "viewer", CORE_MEMBERS));
            assertThat(store.relatedTo("user", SubjectRef.WILDCARD, Optional.empty()))
                    .containsExactly(rel(OTHER_DOC, "viewer", EVERY_USER));
        }

        @Test
        void findsByAnyCombinationOfFields() {
            assertThat(store.find(RelationshipFilter.any().withRelation("viewer"))).hasSize(3);
            assertThat(store.find(RelationshipFilter.ofResource(DOC).withSubjectType("user"))).hasSize(2);
            assertThat(store.find(RelationshipFilter.ofSubject(TOM).withResourceType("document"))).hasSize(2);
            assertThat(store.find(RelationshipFilter.any().withSubjectRelation("member")))
                    .containsExactly(rel(DOC, "viewer", CORE_MEMBERS));
        }

        @Test
        void deletesByFilterAndRefusesAnUnrestrictedOne() {
            assertThat(store.deleteWhere(RelationshipFilter.any()).isOk()).isFalse();
            store.deleteWhere(RelationshipFilter.ofSubject(TOM));
            assertThat(store.subjectsOf(DOC, "viewer")).containsExactly(rel(DOC, "viewer", CORE_MEMBERS));
            assertThat(store.subjectsOf(DOC, "editor")).isEmpty();
            store.deleteWhere(RelationshipFilter.any().withResourceType("document").withRelation("viewer"));
            assertThat(store.find(RelationshipFilter.any().withResourceType("document"))).isEmpty();
            assertThat(store.subjectsOf(new ObjectRef("team", "core"), "member")).containsExactly(
                    rel(new ObjectRef("team", "core"), "member", ANN));
        }
    }
}
