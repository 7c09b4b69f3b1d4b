package dev.gatehouse.core.authorization;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The authorization use cases of the facade over the product schema. */
class AuthorizationUseCasesTest {
    private static final Caller ADMIN = user(true);
    private static final Caller PLAIN = user(false);
    private static final ObjectRef ACME = new ObjectRef("organization", "acme");
    private static final SubjectRef ADA = SubjectRef.of("user", "ada");

    private Gatehouse gatehouse;

    private static Caller user(boolean platformAdmin) {
        return new Caller(new Principal.User(new UserId(UUID.randomUUID()), "u@example.com", platformAdmin), Origin.none());
    }

    @BeforeEach
    void setUp() {
        gatehouse = Gatehouse.inMemory();
        List<RelationshipUpdate> updates = new java.util.ArrayList<>();
        updates.add(RelationshipUpdate.touch(Relationship.of(ACME, "viewer", ADA)));
        updates.add(RelationshipUpdate.touch(Relationship.of(ACME, "admin", SubjectRef.of("user", "bob"))));
        for (String p : List.of("p1", "p2", "p3")) {
            updates.add(RelationshipUpdate.touch(Relationship.of(new ObjectRef("project", p), "organization", SubjectRef.of(ACME))));
        }
        assertThat(gatehouse.platform().authorizer().write(updates).isOk()).isTrue();
    }

    @Nested
    class Check {
        @Test
        void answersFromTheBuiltInRoles() {
            var viewerReads = gatehouse.authorization().checkPermission().handle(new CheckPermission.Command(ADMIN,
                    new ObjectRef("project", "p1"), "projects_read", ADA));
            var viewerWrites = gatehouse.authorization().checkPermission().handle(new CheckPermission.Command(ADMIN,
                    new ObjectRef("project", "p1"), "projects_write", ADA));
            assertThat(viewerReads.value().allowed()).isTrue();
            assertThat(viewerReads.value().checkedAt()).isNotNull();
            assertThat(viewerWrites.value().permissionship()).isEqualTo(Permissionship.NO_PERMISSION);
        }

        @Test
        void onlyPlatformAdminsMayAsk() {
            var r = gatehouse.authorization().checkPermission().handle(new CheckPermission.Command(PLAIN, ACME, "projects_read", ADA));
            assertThat(r.failure().reason()).isEqualTo(Reason.FORBIDDEN);
        }

        @Test
        void unknownPermissionIsAValidationFailureNotADeny() {
            var r = gatehouse.authorization().checkPermission().handle(new CheckPermission.Command(ADMIN, ACME, "launch_rockets", ADA));
            assertThat(r.failure().reason()).isEqualTo(Reason.VALIDATION);
            assertThat(r.failure().message()).contains("launch_rockets");
        }

        @Test
        void echoesTheTokenItWasAtLeastAsFreshAs() {
            var token = gatehouse.platform().authorizer().write(List.of(RelationshipUpdate.touch(
                    Relationship.of(ACME, "member", SubjectRef.of("user", "cy"))))).value();
            var r = gatehouse.authorization().checkPermission().handle(new CheckPermission.Command(ADMIN, ACME, "usage_write",
                    SubjectRef.of("user", "cy"), Optional.of(token)));
            assertThat(r.value().allowed()).isTrue();
            assertThat(r.value().atLeastAsFresh()).contains(token);
        }
    }

    @Nested
    class Lookups {
        @Test
        void pagesThroughResources() {
            var first = gatehouse.authorization().lookupResources().handle(new LookupResources.Command(ADMIN, "project", "projects_read",
                    ADA, Optional.empty(), 2)).value();
            assertThat(first.items()).containsExactly("p1", "p2");
            var second = gatehouse.authorization().lookupResources().handle(new LookupResources.Command(ADMIN, "project", "projects_read",
                    ADA, first.nextCursor(), 2)).value();
            assertThat(second.items()).containsExactly("p3");
            assertThat(second.nextCursor()).isEmpty();
        }

        @Test
        void rejectsALimitOutOfRangeNamingIt() {
            for (int limit : new int[]{0, LookupResources.MAX_LIMIT + 1}) {
                var r = gatehouse.authorization().lookupResources().handle(new LookupResources.Command(ADMIN, "project", "projects_read",
                        ADA, Optional.empty(), limit));
                assertThat(r.failure().fieldErrors()).containsKey("limit");
            }
        }

        @Test
        void findsSubjects() {
            var r = gatehouse.authorization().lookupSubjects().handle(new LookupSubjects.Command(ADMIN, new ObjectRef("project", "p2"),
                    "projects_write", "user", Optional.empty())).value();
            assertThat(r.subjectIds()).containsExactly("bob");
            assertThat(r.wildcard()).isFalse();
        }

        @Test
        void onlyPlatformAdminsMayLookUp() {
            assertThat(gatehouse.authorization().lookupResources().handle(new LookupResources.Command(PLAIN, "project", "projects_read",
                    ADA, Optional.empty(), 10)).failure().reason()).isEqualTo(Reason.FORBIDDEN);
            assertThat(gatehouse.authorization().lookupSubjects().handle(new LookupSubjects.Command(PLAIN, ACME,
                    "projects_read", "user", Optional.empty())).failure().reason()).isEqualTo(Reason.FORBIDDEN);
        }
    }

    @Nested
    class Catalog {
        @Test
        void anyAuthenticatedCallerReadsIt() {
            assertThat(gatehouse.authorization().listPermissions().handle(PLAIN).value()).isEqualTo(PermissionCatalog.entries());
        }

        @Test
        void anonymousCallersDoNot() {
            var r = gatehouse.authorization().listPermissions().handle(new Caller(new Principal.Anonymous(), Origin.none()));
            assertThat(r.failure().reason()).isEqualTo(Reason.UNAUTHENTICATED);
        }
    }
}
