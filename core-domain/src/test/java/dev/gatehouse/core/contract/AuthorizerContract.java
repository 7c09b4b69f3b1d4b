package dev.gatehouse.core.contract;

import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.FoundSubjects;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipText;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static dev.gatehouse.core.authorization.Permissionship.HAS_PERMISSION;
import static dev.gatehouse.core.authorization.Permissionship.NO_PERMISSION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link Authorizer} shows, on a small product-like schema: organizations with
 * admins and members, projects under an organization, environments under a project, teams as
 * subject sets, a wildcard, an exclusion, intersections and expiring relationships. Extended by the
 * local evaluator and by the SpiceDB adapter (against a test server and, opt-in, a real SpiceDB), so
 * the assertions stay within what SpiceDB itself answers. Each test gets a fresh authorizer with no
 * relationships.
 */
public abstract class AuthorizerContract {

    public static final String SCHEMA = """
            use expiration

            definition user {}

            definition team {
              relation member: user
            }

            definition organization {
              relation admin: user
              relation member: user
              permission manage = admin
              permission everyone = admin + member
            }

            definition project {
              relation parent: organization
              relation member: user | user:* | user with expiration | team#member
              relation banned: user
              relation reviewer: user
              permission viewer = (member + parent->admin) - banned
              permission review = reviewer & parent->everyone
            }

            definition environment {
              relation project: project
              relation operator: user | user with expiration
              permission view = project->viewer
              permission deploy = operator & project->viewer
            }
            """;

    /** A fresh authorizer for {@code schema}, holding no relationships. */
    protected abstract Authorizer authorizer(String schema);

    /** The authorizer's notion of now, which decides whether a relationship has expired. */
    protected Instant now() {
        return Instant.now();
    }

    /**
     * Moves the authorizer's clock forward. Implementations whose clock the test cannot move (a real
     * SpiceDB uses its datastore's clock) keep this default, which skips the test needing it.
     */
    protected void advanceClock(Duration d) {
        Assumptions.abort("this authorizer's clock cannot be moved by the test");
    }

    private Authorizer authz;

    @BeforeEach
    void freshAuthorizer() {
        authz = authorizer(SCHEMA);
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static ObjectRef obj(String text) {
        return ObjectRef.parse(text);
    }

    private static SubjectRef subj(String text) {
        return SubjectRef.parse(text);
    }

    private static Relationship rel(String text) {
        return RelationshipText.parse(text).relationship();
    }

    private ConsistencyToken touch(String... relationships) {
        return write(Arrays.stream(relationships).map(r -> RelationshipUpdate.touch(rel(r))).toArray(RelationshipUpdate[]::new));
    }

    private ConsistencyToken write(RelationshipUpdate... updates) {
        Result<ConsistencyToken> r = authz.write(List.of(updates));
        assertThat(r.isOk()).as("%s", r).isTrue();
        return r.value();
    }

    private Permissionship check(String resourcePermission, String subject) {
        return check(resourcePermission, subject, Optional.empty());
    }

    private Permissionship check(String resourcePermission, String subject, Optional<ConsistencyToken> token) {
        int hash = resourcePermission.indexOf('#');
        Result<Permissionship> r = authz.check(obj(resourcePermission.substring(0, hash)),
                resourcePermission.substring(hash + 1), subj(subject), token);
        assertThat(r.isOk()).as("%s", r).isTrue();
        return r.value();
    }

    private CursorPage<String> lookupResources(String type, String permission, String subject,
                                               Optional<String> cursor, int limit) {
        Result<CursorPage<String>> r = authz.lookupResources(type, permission, subj(subject), cursor, limit);
        assertThat(r.isOk()).as("%s", r).isTrue();
        return r.value();
    }

    private List<String> allResources(String type, String permission, String subject) {
        return lookupResources(type, permission, subject, Optional.empty(), 1000).items();
    }

    private FoundSubjects lookupSubjects(String resource, String permission, String subjectType) {
        Result<FoundSubjects> r = authz.lookupSubjects(obj(resource), permission, subjectType, Optional.empty());
        assertThat(r.isOk()).as("%s", r).isTrue();
        return r.value();
    }

    private Instant expiresIn(Duration d) {
        // Whole seconds: SpiceDB stores expirations at microsecond precision, the text form at seconds.
        return now().plus(d).truncatedTo(ChronoUnit.SECONDS);
    }

    private void tenant() {
        touch("organization:acme#admin@user:alice",
                "organization:acme#member@user:mallory",
                "project:web#parent@organization:acme",
                "project:web#member@user:bob",
                "project:api#parent@organization:acme",
                "environment:prod#project@project:web",
                "environment:prod#operator@user:bob",
                "environment:prod#operator@user:carol");
    }

    // --- tests -------------------------------------------------------------------------------------

    @Nested
    class Checks {
        @BeforeEach
        void setUp() {
            tenant();
        }

        @Test
        void anOrganizationAdminViewsEveryProjectAndEnvironmentOfTheOrganization() {
            assertThat(check("project:web#viewer", "user:alice")).isEqualTo(HAS_PERMISSION);
            assertThat(check("project:api#viewer", "user:alice")).isEqualTo(HAS_PERMISSION);
            assertThat(check("environment:prod#view", "user:alice")).isEqualTo(HAS_PERMISSION);
        }

        @Test
        void aProjectMemberViewsOnlyThatProjectAndAnOrganizationMemberNoProject() {
            assertThat(check("project:web#viewer", "user:bob")).isEqualTo(HAS_PERMISSION);
            assertThat(check("project:api#viewer", "user:bob")).isEqualTo(NO_PERMISSION);
            assertThat(check("project:web#viewer", "user:mallory")).isEqualTo(NO_PERMISSION);
            assertThat(check("project:web#viewer", "user:stranger")).isEqualTo(NO_PERMISSION);
        }

        @Test
        void aRelationIsCheckedLikeAPermission() {
            assertThat(check("project:web#member", "user:bob")).isEqualTo(HAS_PERMISSION);
            assertThat(check("organization:acme#admin", "user:bob")).isEqualTo(NO_PERMISSION);
        }

        @Test
        void exclusionRemovesABannedSubjectWhateverGrantsIt() {
            touch("project:web#banned@user:alice", "project:web#banned@user:bob");
            assertThat(check("project:web#viewer", "user:alice")).isEqualTo(NO_PERMISSION);
            assertThat(check("project:web#viewer", "user:bob")).isEqualTo(NO_PERMISSION);
            assertThat(check("environment:prod#view", "user:alice")).isEqualTo(NO_PERMISSION);
            assertThat(check("project:api#viewer", "user:alice")).isEqualTo(HAS_PERMISSION);
        }

        @Test
        void aWildcardGrantsEveryUserButNotTheBanned() {
            touch("project:api#member@user:*", "project:api#banned@user:eve");
            assertThat(check("project:api#viewer", "user:anyone")).isEqualTo(HAS_PERMISSION);
            assertThat(check("project:api#viewer", "user:eve")).isEqualTo(NO_PERMISSION);
            assertThat(check("project:web#viewer", "user:anyone")).isEqualTo(NO_PERMISSION);
        }

        @Test
        void intersectionNeedsBothSides() {
            touch("project:web#reviewer@user:mallory", "project:web#reviewer@user:outsider");
            assertThat(check("project:web#review", "user:mallory")).isEqualTo(HAS_PERMISSION);
            assertThat(check("project:web#review", "user:outsider")).isEqualTo(NO_PERMISSION);
            assertThat(check("project:web#review", "user:alice")).isEqualTo(NO_PERMISSION);

            assertThat(check("environment:prod#deploy", "user:bob")).isEqualTo(HAS_PERMISSION);
            assertThat(check("environment:prod#deploy", "user:carol")).isEqualTo(NO_PERMISSION);
            assertThat(check("environment:prod#deploy", "user:alice")).isEqualTo(NO_PERMISSION);
        }

        @Test
        void membersOfATeamSubjectSetAreMembers() {
            touch("team:core#member@user:dave", "project:api#member@team:core#member");
            assertThat(check("project:api#viewer", "user:dave")).isEqualTo(HAS_PERMISSION);
            assertThat(check("project:web#viewer", "user:dave")).isEqualTo(NO_PERMISSION);
        }

        @Test
        void unknownDefinitionsAndPermissionsFailRatherThanDeny() {
            Result<Permissionship> unknownType = authz.check(obj("nothing:x"), "view", subj("user:alice"));
            Result<Permissionship> unknownPermission = authz.check(obj("project:web"), "destroy", subj("user:alice"));
            assertThat(unknownType.isOk()).isFalse();
            assertThat(unknownType.failure().reason()).isEqualTo(Reason.VALIDATION);
            assertThat(unknownPermission.isOk()).isFalse();
            assertThat(unknownPermission.failure().reason()).isEqualTo(Reason.VALIDATION);
        }

        @Test
        void aWildcardSubjectCannotBeChecked() {
            Result<Permissionship> r = authz.check(obj("project:web"), "viewer", subj("user:*"));
            assertThat(r.isOk()).isFalse();
            assertThat(r.failure().reason()).isEqualTo(Reason.VALIDATION);
        }
    }

    @Nested
    class Writes {
        @Test
        void createAddsAndCreatingAnExistingRelationshipFailsTheWholeBatch() {
            write(RelationshipUpdate.create(rel("project:web#member@user:bob")));
            assertThat(check("project:web#viewer", "user:bob")).isEqualTo(HAS_PERMISSION);

            Result<ConsistencyToken> again = authz.write(List.of(
                    RelationshipUpdate.create(rel("project:web#member@user:carol")),
                    RelationshipUpdate.create(rel("project:web#member@user:bob"))));
            assertThat(again.isOk()).isFalse();
            assertThat(again.failure().reason()).isEqualTo(Reason.CONFLICT);
            assertThat(check("project:web#viewer", "user:carol")).isEqualTo(NO_PERMISSION);
        }

        @Test
        void touchIsIdempotentAndReplacesTheExpiration() {
            touch("project:web#member@user:bob");
            touch("project:web#member@user:bob");
            assertThat(check("project:web#viewer", "user:bob")).isEqualTo(HAS_PERMISSION);

            write(RelationshipUpdate.touch(Relationship.expiring(obj("project:web"), "member", subj("user:bob"),
                    expiresIn(Duration.ofHours(-1)))));
            assertThat(check("project:web#viewer", "user:bob")).isEqualTo(NO_PERMISSION);

            touch("project:web#member@user:bob");
            assertThat(check("project:web#viewer", "user:bob")).isEqualTo(HAS_PERMISSION);
        }

        @Test
        void deleteRemovesAndDeletingAnAbsentRelationshipIsNoError() {
            touch("project:web#member@user:bob", "project:web#member@user:carol");
            write(RelationshipUpdate.delete(rel("project:web#member@user:bob")),
                    RelationshipUpdate.delete(rel("project:web#member@user:never")));
            assertThat(check("project:web#viewer", "user:bob")).isEqualTo(NO_PERMISSION);
            assertThat(check("project:web#viewer", "user:carol")).isEqualTo(HAS_PERMISSION);
        }

        @Test
        void aBatchAppliesAllItsOperationsTogether() {
            touch("project:web#member@user:bob");
            write(RelationshipUpdate.delete(rel("project:web#member@user:bob")),
                    RelationshipUpdate.create(rel("project:web#member@user:carol")),
                    RelationshipUpdate.touch(rel("project:api#member@user:bob")));
            assertThat(check("project:web#viewer", "user:bob")).isEqualTo(NO_PERMISSION);
            assertThat(check("project:web#viewer", "user:carol")).isEqualTo(HAS_PERMISSION);
            assertThat(check("project:api#viewer", "user:bob")).isEqualTo(HAS_PERMISSION);
        }

        @Test
        void updatingOneRelationshipTwiceInABatchIsInvalid() {
            Result<ConsistencyToken> r = authz.write(List.of(
                    RelationshipUpdate.touch(rel("project:web#member@user:bob")),
                    RelationshipUpdate.delete(rel("project:web#member@user:bob"))));
            assertThat(r.isOk()).isFalse();
            assertThat(r.failure().reason()).isEqualTo(Reason.VALIDATION);
        }

        @Test
        void relationshipsTheSchemaDoesNotAllowAreRejected() {
            for (String invalid : List.of("organization:acme#admin@user:*",
                    "organization:acme#admin@team:core#member",
                    "project:web#viewer@user:bob",
                    "project:web#owner@user:bob",
                    "nothing:x#member@user:bob")) {
                Result<ConsistencyToken> r = authz.write(List.of(RelationshipUpdate.touch(rel(invalid))));
                assertThat(r.isOk()).as(invalid).isFalse();
                assertThat(r.failure().reason()).as(invalid).isEqualTo(Reason.VALIDATION);
            }
            Result<ConsistencyToken> expiringAdmin = authz.write(List.of(RelationshipUpdate.touch(Relationship.expiring(
                    obj("organization:acme"), "admin", subj("user:bob"), expiresIn(Duration.ofHours(1))))));
            assertThat(expiringAdmin.isOk()).isFalse();
            assertThat(expiringAdmin.failure().reason()).isEqualTo(Reason.VALIDATION);
            assertThat(check("organization:acme#admin", "user:bob")).isEqualTo(NO_PERMISSION);
        }
    }

    @Nested
    class DeletesByFilter {
        @BeforeEach
        void setUp() {
            tenant();
            touch("project:api#member@user:bob", "project:api#reviewer@user:bob");
        }

        @Test
        void deletesEveryRelationshipOfAResource() {
            authz.delete(RelationshipFilter.ofResource(obj("project:web")));
            assertThat(check("project:web#viewer", "user:bob")).isEqualTo(NO_PERMISSION);
            assertThat(check("project:web#viewer", "user:alice")).isEqualTo(NO_PERMISSION);
            assertThat(check("project:api#viewer", "user:bob")).isEqualTo(HAS_PERMISSION);
        }

        @Test
        void deletesASubjectFromOneRelationOfOneType() {
            Result<ConsistencyToken> r = authz.delete(RelationshipFilter.ofSubject(subj("user:bob"))
                    .withResourceType("project").withRelation("member"));
            assertThat(r.isOk()).as("%s", r).isTrue();
            assertThat(check("project:web#viewer", "user:bob")).isEqualTo(NO_PERMISSION);
            assertThat(check("project:api#viewer", "user:bob")).isEqualTo(NO_PERMISSION);
            assertThat(check("project:api#reviewer", "user:bob")).isEqualTo(HAS_PERMISSION);
            assertThat(check("environment:prod#operator", "user:bob")).isEqualTo(HAS_PERMISSION);
        }

        @Test
        void anUnrestrictedFilterIsRefused() {
            Result<ConsistencyToken> r = authz.delete(RelationshipFilter.any());
            assertThat(r.isOk()).isFalse();
            assertThat(r.failure().reason()).isEqualTo(Reason.VALIDATION);
            assertThat(check("project:web#viewer", "user:bob")).isEqualTo(HAS_PERMISSION);
        }

        @Test
        void deletingNothingSucceeds() {
            Result<ConsistencyToken> r = authz.delete(RelationshipFilter.ofResource(obj("project:nothing_here")));
            assertThat(r.isOk()).as("%s", r).isTrue();
        }
    }

    @Nested
    class LookupResources {
        @Test
        void findsWhatCheckGrantsInAscendingOrder() {
            tenant();
            touch("project:zeta#parent@organization:acme", "project:alpha#member@user:bob");
            assertThat(allResources("project", "viewer", "user:alice")).containsExactly("api", "web", "zeta");
            assertThat(allResources("project", "viewer", "user:bob")).containsExactly("alpha", "web");
            assertThat(allResources("environment", "view", "user:alice")).containsExactly("prod");
            assertThat(allResources("project", "viewer", "user:mallory")).isEmpty();
        }

        @Test
        void leavesOutExcludedAndExpiredGrants() {
            tenant();
            touch("project:web#banned@user:alice");
            write(RelationshipUpdate.touch(Relationship.expiring(obj("project:old"), "member", subj("user:bob"),
                    expiresIn(Duration.ofHours(-1)))));
            assertThat(allResources("project", "viewer", "user:alice")).containsExactly("api");
            assertThat(allResources("project", "viewer", "user:bob")).containsExactly("web");
        }

        @Test
        void pagesWithACursorUntilExhausted() {
            for (String p : List.of("p5", "p3", "p1", "p4", "p2")) {
                touch("project:" + p + "#member@user:bob");
            }
            touch("project:p0#member@user:carol");
            List<String> seen = new ArrayList<>();
            CursorPage<String> page = lookupResources("project", "viewer", "user:bob", Optional.empty(), 2);
            assertThat(page.items()).containsExactly("p1", "p2");
            seen.addAll(page.items());
            page = lookupResources("project", "viewer", "user:bob", page.nextCursor(), 2);
            assertThat(page.items()).containsExactly("p3", "p4");
            seen.addAll(page.items());
            assertThat(page.nextCursor()).isPresent();
            page = lookupResources("project", "viewer", "user:bob", page.nextCursor(), 2);
            assertThat(page.items()).containsExactly("p5");
            assertThat(page.nextCursor()).isEmpty();
            seen.addAll(page.items());
            assertThat(seen).containsExactlyElementsOf(allResources("project", "viewer", "user:bob"));
        }

        @Test
        void aCursorResumesAfterItsLastIdEvenWhenResourcesWereAddedMeanwhile() {
            touch("project:b#member@user:bob", "project:c#member@user:bob", "project:d#member@user:bob");
            CursorPage<String> first = lookupResources("project", "viewer", "user:bob", Optional.empty(), 2);
            assertThat(first.items()).containsExactly("b", "c");
            touch("project:a#member@user:bob", "project:e#member@user:bob");
            CursorPage<String> second = lookupResources("project", "viewer", "user:bob", first.nextCursor(), 2);
            assertThat(second.items()).containsExactly("d", "e");
        }

        @Test
        void rejectsALimitOutOfRangeAndAForeignCursor() {
            Result<CursorPage<String>> zero = authz.lookupResources("project", "viewer", subj("user:bob"),
                    Optional.empty(), 0);
            Result<CursorPage<String>> foreign = authz.lookupResources("project", "viewer", subj("user:bob"),
                    Optional.of("%%not a cursor%%"), 10);
            assertThat(zero.isOk()).isFalse();
            assertThat(zero.failure().reason()).isEqualTo(Reason.VALIDATION);
            assertThat(foreign.isOk()).isFalse();
            assertThat(foreign.failure().reason()).isEqualTo(Reason.VALIDATION);
        }
    }

    @Nested
    class LookupSubjects {
        @Test
        void findsConcreteSubjectsThroughRelationsAndArrowsMinusExclusions() {
            tenant();
            touch("project:web#member@user:carol", "project:web#banned@user:carol");
            FoundSubjects found = lookupSubjects("project:web", "viewer", "user");
            assertThat(found.subjectIds()).containsExactly("alice", "bob");
            assertThat(found.wildcard()).isFalse();
            assertThat(found.includes("carol")).isFalse();
        }

        @Test
        void reportsAWildcardWithTheSubjectsItExcludes() {
            touch("project:api#member@user:*", "project:api#banned@user:eve", "project:api#member@user:bob");
            FoundSubjects found = lookupSubjects("project:api", "viewer", "user");
            assertThat(found.wildcard()).isTrue();
            assertThat(found.excludedFromWildcard()).containsExactly("eve");
            assertThat(found.includes("bob")).isTrue();
            assertThat(found.includes("anyone")).isTrue();
            assertThat(found.includes("eve")).isFalse();
        }

        @Test
        void intersectionKeepsOnlySubjectsOnBothSides() {
            tenant();
            touch("project:web#reviewer@user:mallory", "project:web#reviewer@user:outsider");
            assertThat(lookupSubjects("project:web", "review", "user").subjectIds()).containsExactly("mallory");
            assertThat(lookupSubjects("environment:prod", "deploy", "user").subjectIds()).containsExactly("bob");
        }

        @Test
        void findsSubjectSetsOfAGivenRelation() {
            touch("project:api#member@team:core#member", "team:core#member@user:dave");
            Result<FoundSubjects> teams = authz.lookupSubjects(obj("project:api"), "viewer", "team", Optional.of("member"));
            assertThat(teams.isOk()).as("%s", teams).isTrue();
            assertThat(teams.value().subjectIds()).containsExactly("core");
            assertThat(lookupSubjects("project:api", "viewer", "user").subjectIds()).containsExactly("dave");
        }
    }

    @Nested
    class Consistency {
        @Test
        void aCheckAtLeastAsFreshAsAWriteSeesTheWrite() {
            ConsistencyToken written = touch("project:web#member@user:bob");
            assertThat(check("project:web#viewer", "user:bob", Optional.of(written))).isEqualTo(HAS_PERMISSION);
        }

        @Test
        void aCheckAtLeastAsFreshAsADeletionSeesTheRevocation() {
            touch("project:web#member@user:bob");
            assertThat(check("project:web#viewer", "user:bob")).isEqualTo(HAS_PERMISSION);
            Result<ConsistencyToken> deleted = authz.delete(RelationshipFilter.ofResource(obj("project:web")));
            assertThat(deleted.isOk()).as("%s", deleted).isTrue();
            assertThat(check("project:web#viewer", "user:bob", Optional.of(deleted.value()))).isEqualTo(NO_PERMISSION);
        }

        @Test
        void anOlderTokenStillAnswers() {
            ConsistencyToken first = touch("project:web#member@user:bob");
            touch("project:web#member@user:carol");
            // At least as fresh as the older token: its write is seen. Whether the newer one is seen too
            // is not promised (a real SpiceDB may answer from a cached revision between the two).
            assertThat(check("project:web#viewer", "user:bob", Optional.of(first))).isEqualTo(HAS_PERMISSION);
        }

        @Test
        void lookupsWithoutATokenSeeTheAuthorizersOwnWrites() {
            touch("project:web#member@user:bob");
            assertThat(allResources("project", "viewer", "user:bob")).containsExactly("web");
            assertThat(lookupSubjects("project:web", "viewer", "user").subjectIds()).containsExactly("bob");
        }

        @Test
        void aTokenTheAuthorizerNeverIssuedFails() {
            Result<Permissionship> r = authz.check(obj("project:web"), "viewer", subj("user:bob"),
                    Optional.of(new ConsistencyToken("not-a-token")));
            assertThat(r.isOk()).isFalse();
        }
    }

    @Nested
    class Expiration {
        @Test
        void anExpiredRelationshipGrantsNothing() {
            tenant();
            write(RelationshipUpdate.touch(Relationship.expiring(obj("project:api"), "member", subj("user:carol"),
                    expiresIn(Duration.ofMinutes(-5)))));
            assertThat(check("project:api#viewer", "user:carol")).isEqualTo(NO_PERMISSION);
            assertThat(lookupSubjects("project:api", "viewer", "user").subjectIds()).containsExactly("alice");
        }

        @Test
        void aRelationshipExpiringLaterGrantsUntilItExpires() {
            tenant();
            write(RelationshipUpdate.touch(Relationship.expiring(obj("environment:prod"), "operator", subj("user:alice"),
                    expiresIn(Duration.ofHours(1)))));
            assertThat(check("environment:prod#deploy", "user:alice")).isEqualTo(HAS_PERMISSION);
            assertThat(allResources("environment", "deploy", "user:alice")).containsExactly("prod");

            advanceClock(Duration.ofHours(2));
            assertThat(check("environment:prod#deploy", "user:alice")).isEqualTo(NO_PERMISSION);
            assertThat(allResources("environment", "deploy", "user:alice")).isEmpty();
            assertThat(check("environment:prod#view", "user:alice")).isEqualTo(HAS_PERMISSION);
        }
    }
}
