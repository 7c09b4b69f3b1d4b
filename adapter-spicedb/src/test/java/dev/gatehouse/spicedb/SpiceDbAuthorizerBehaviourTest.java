package dev.gatehouse.spicedb;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.authzed.api.v1.CheckPermissionRequest;
import com.authzed.api.v1.Consistency;
import com.authzed.api.v1.DeleteRelationshipsRequest;
import com.authzed.api.v1.LookupPermissionship;
import com.authzed.api.v1.LookupResourcesRequest;
import com.authzed.api.v1.LookupSubjectsRequest;
import com.authzed.api.v1.WriteRelationshipsRequest;
import com.authzed.api.v1.WriteSchemaRequest;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.authorization.AuthorizationFailures;
import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipText;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.contract.AuthorizerContract;
import dev.gatehouse.core.shared.ReadinessCheck;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.spicedb.testing.Eventually;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the SpiceDB adapter does beyond the shared contract: failing closed, credentials, tokens, schema. */
class SpiceDbAuthorizerBehaviourTest {
    private static final ObjectRef WEB = ObjectRef.parse("project:web");
    private static final SubjectRef BOB = SubjectRef.parse("user:bob");

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));
    private final List<AutoCloseable> opened = new ArrayList<>();
    private TestSpiceDb server;
    private SpiceDbAuthorizer authorizer;

    @BeforeEach
    void startWithBobAsAMember() {
        server = open(TestSpiceDb.inProcess(Optional.of(TestSpiceDb.TOKEN), clock));
        authorizer = started(Optional.of(TestSpiceDb.TOKEN), Eventually.GENEROUS, Optional.of(AuthorizerContract.SCHEMA));
        assertThat(authorizer.write(List.of(RelationshipUpdate.touch(rel("project:web#member@user:bob")))).isOk()).isTrue();
        assertThat(authorizer.check(WEB, "viewer", BOB).value()).isEqualTo(Permissionship.HAS_PERMISSION);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private SpiceDbConnection connect(Optional<String> token) {
        return open(SpiceDbConnection.over(server.inProcessChannel(), token));
    }

    private SpiceDbAuthorizer started(Optional<String> token, Duration deadline, Optional<String> schema) {
        Result<SpiceDbAuthorizer> r = SpiceDbAdapter.start(connect(token), deadline, schema);
        assertThat(r.isOk()).as("%s", r).isTrue();
        return r.value();
    }

    private static Relationship rel(String text) {
        return RelationshipText.parse(text).relationship();
    }

    private static void assertUnavailable(Result<?> r, Status.Code code) {
        assertThat(r.isOk()).as("%s", r).isFalse();
        assertThat(r.failure().reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(r.failure().details())
                .containsEntry(AuthorizationFailures.CODE, SpiceDbFailures.UNAVAILABLE)
                .containsEntry(SpiceDbFailures.GRPC_STATUS, code.name());
    }

    @Nested
    class FailsClosed {
        @ParameterizedTest
        @EnumSource(value = Status.Code.class, mode = EnumSource.Mode.EXCLUDE, names = "OK")
        void everyErrorStatusIsAFailureNeverAPermission(Status.Code code) {
            server.failWith(Status.fromCode(code).withDescription("injected"));
            Result<Permissionship> r = authorizer.check(WEB, "viewer", BOB);
            assertThat(r.isOk()).isFalse();
            assertThat(r.failure().details()).containsEntry(SpiceDbFailures.GRPC_STATUS, code.name());
        }

        @Test
        void anUnavailableSpiceDbFailsEveryOperation() {
            server.failWith(Status.UNAVAILABLE.withDescription("connection refused"));
            assertUnavailable(authorizer.check(WEB, "viewer", BOB), Status.Code.UNAVAILABLE);
            assertUnavailable(authorizer.lookupResources("project", "viewer", BOB, Optional.empty(), 10),
                    Status.Code.UNAVAILABLE);
            assertUnavailable(authorizer.lookupSubjects(WEB, "viewer", "user", Optional.empty()), Status.Code.UNAVAILABLE);
            assertUnavailable(authorizer.write(List.of(RelationshipUpdate.touch(rel("project:web#member@user:eve")))),
                    Status.Code.UNAVAILABLE);
            assertUnavailable(authorizer.delete(RelationshipFilter.ofResource(WEB)), Status.Code.UNAVAILABLE);
        }

        @Test
        void aMissedDeadlineIsAFailureWithinTheDeadline() {
            SpiceDbAuthorizer impatient = started(Optional.of(TestSpiceDb.TOKEN), Duration.ofMillis(200), Optional.empty());
            server.stopAnswering();
            long started = System.nanoTime();
            assertUnavailable(impatient.check(WEB, "viewer", BOB), Status.Code.DEADLINE_EXCEEDED);
            assertUnavailable(impatient.lookupResources("project", "viewer", BOB, Optional.empty(), 10),
                    Status.Code.DEADLINE_EXCEEDED);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }

        @Test
        void aWrongOrMissingTokenIsAFailureNotTheCallersAuthenticationProblem() {
            SpiceDbAuthorizer wrongToken = started(Optional.of("wrong"), Eventually.GENEROUS, Optional.empty());
            SpiceDbAuthorizer noToken = started(Optional.empty(), Eventually.GENEROUS, Optional.empty());
            assertUnavailable(wrongToken.check(WEB, "viewer", BOB), Status.Code.UNAUTHENTICATED);
            assertUnavailable(noToken.check(WEB, "viewer", BOB), Status.Code.UNAUTHENTICATED);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 3, 99})
        void anAnswerOtherThanHasOrHasNotIsAFailure(int permissionship) {
            server.answerChecksWith(permissionship);
            Result<Permissionship> r = authorizer.check(WEB, "viewer", BOB);
            assertThat(r.isOk()).isFalse();
            assertThat(r.failure().details()).containsEntry(AuthorizationFailures.CODE, SpiceDbFailures.UNKNOWN_ANSWER);
        }

        @Test
        void aConditionalLookupResultIsAFailure() {
            server.answerLookupsWith(LookupPermissionship.LOOKUP_PERMISSIONSHIP_CONDITIONAL_PERMISSION);
            var resources = authorizer.lookupResources("project", "viewer", BOB, Optional.empty(), 10);
            var subjects = authorizer.lookupSubjects(WEB, "viewer", "user", Optional.empty());
            assertThat(resources.isOk()).isFalse();
            assertThat(resources.failure().details()).containsEntry(AuthorizationFailures.CODE, SpiceDbFailures.UNKNOWN_ANSWER);
            assertThat(subjects.isOk()).isFalse();
            assertThat(subjects.failure().details()).containsEntry(AuthorizationFailures.CODE, SpiceDbFailures.UNKNOWN_ANSWER);
        }

        @Test
        void answersAgainOnceSpiceDbIsBack() {
            server.failWith(Status.UNAVAILABLE);
            assertThat(authorizer.check(WEB, "viewer", BOB).isOk()).isFalse();
            server.recover();
            assertThat(authorizer.check(WEB, "viewer", BOB).value()).isEqualTo(Permissionship.HAS_PERMISSION);
        }

        @Test
        void logsEachDeniedCallWithoutTheToken() {
            Logger logger = (Logger) LoggerFactory.getLogger(SpiceDbAuthorizer.class);
            ListAppender<ILoggingEvent> appender = new ListAppender<>();
            appender.start();
            logger.addAppender(appender);
            try {
                server.failWith(Status.UNAVAILABLE.withDescription("connection refused"));
                authorizer.check(WEB, "viewer", BOB);
            } finally {
                logger.detachAppender(appender);
            }
            assertThat(appender.list).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains("CheckPermission", "UNAVAILABLE", "denying")
                        .doesNotContain(TestSpiceDb.TOKEN);
            });
        }
    }

    @Nested
    class Credentials {
        @Test
        void sendsTheTokenAsBearerAuthorizationMetadataOnEveryCall() {
            authorizer.lookupSubjects(WEB, "viewer", "user", Optional.empty());
            assertThat(server.authorizationHeaders()).hasSizeGreaterThanOrEqualTo(4)
                    .allMatch(("Bearer " + TestSpiceDb.TOKEN)::equals);
        }

        @Test
        void sendsNoAuthorizationMetadataWithoutAToken() {
            server = open(TestSpiceDb.inProcess(Optional.empty(), clock));
            SpiceDbAuthorizer anonymous = started(Optional.empty(), Eventually.GENEROUS, Optional.of(AuthorizerContract.SCHEMA));
            assertThat(anonymous.check(WEB, "viewer", BOB).value()).isEqualTo(Permissionship.NO_PERMISSION);
            assertThat(server.authorizationHeaders()).isNotEmpty().containsOnly("<none>");
        }

        @Test
        void theTokenDoesNotShowInToString() {
            assertThat(new BearerToken("s3cret").toString()).doesNotContain("s3cret");
        }
    }

    @Nested
    class ConsistencyTokens {
        @Test
        void aGivenTokenIsSentAsAtLeastAsFreshVerbatim() {
            ConsistencyToken token = authorizer.write(List.of(RelationshipUpdate.touch(rel("project:web#member@user:eve"))))
                    .value();
            authorizer.check(WEB, "viewer", SubjectRef.parse("user:eve"), Optional.of(token));
            Consistency sent = last(server.requests(CheckPermissionRequest.class)).getConsistency();
            assertThat(sent.getRequirementCase()).isEqualTo(Consistency.RequirementCase.AT_LEAST_AS_FRESH);
            assertThat(sent.getAtLeastAsFresh().getToken()).isEqualTo(token.value());
        }

        @Test
        void beforeAnyWriteReadsWithoutATokenMinimizeLatency() {
            SpiceDbAuthorizer fresh = started(Optional.of(TestSpiceDb.TOKEN), Eventually.GENEROUS, Optional.empty());
            fresh.check(WEB, "viewer", BOB);
            assertThat(last(server.requests(CheckPermissionRequest.class)).getConsistency().getRequirementCase())
                    .isEqualTo(Consistency.RequirementCase.MINIMIZE_LATENCY);
        }

        @Test
        void afterAWriteOrDeleteReadsWithoutATokenAreAtLeastAsFreshAsIt() {
            ConsistencyToken deleted = authorizer.delete(RelationshipFilter.ofResource(ObjectRef.parse("project:api")))
                    .value();
            authorizer.lookupResources("project", "viewer", BOB, Optional.empty(), 10);
            authorizer.lookupSubjects(WEB, "viewer", "user", Optional.empty());
            authorizer.check(WEB, "viewer", BOB);
            assertThat(last(server.requests(LookupResourcesRequest.class)).getConsistency().getAtLeastAsFresh().getToken())
                    .isEqualTo(deleted.value());
            assertThat(last(server.requests(LookupSubjectsRequest.class)).getConsistency().getAtLeastAsFresh().getToken())
                    .isEqualTo(deleted.value());
            assertThat(last(server.requests(CheckPermissionRequest.class)).getConsistency().getAtLeastAsFresh().getToken())
                    .isEqualTo(deleted.value());
        }
    }

    @Nested
    class Requests {
        @Test
        void sendsTheExpirationAsOptionalExpiresAtAndDeletesWithoutIt() {
            Instant expires = Instant.parse("2026-03-01T12:00:00.123456Z");
            Relationship expiring = Relationship.expiring(WEB, "member", SubjectRef.parse("user:eve"), expires);
            authorizer.write(List.of(RelationshipUpdate.touch(expiring)));
            var touched = last(server.requests(WriteRelationshipsRequest.class)).getUpdates(0).getRelationship();
            assertThat(touched.hasOptionalExpiresAt()).isTrue();
            assertThat(SpiceDbMessages.instant(touched.getOptionalExpiresAt())).isEqualTo(expires);

            authorizer.write(List.of(RelationshipUpdate.delete(expiring)));
            var deleted = last(server.requests(WriteRelationshipsRequest.class)).getUpdates(0).getRelationship();
            assertThat(deleted.hasOptionalExpiresAt()).isFalse();
        }

        @Test
        void aSubjectFilterWithoutRelationSelectsPlainSubjectsOnly() {
            assertThat(authorizer.delete(RelationshipFilter.ofSubject(BOB).withResourceType("project")).isOk()).isTrue();
            var filter = last(server.requests(DeleteRelationshipsRequest.class)).getRelationshipFilter();
            assertThat(filter.getResourceType()).isEqualTo("project");
            assertThat(filter.getOptionalSubjectFilter().getSubjectType()).isEqualTo("user");
            assertThat(filter.getOptionalSubjectFilter().getOptionalSubjectId()).isEqualTo("bob");
            assertThat(filter.getOptionalSubjectFilter().hasOptionalRelation()).isTrue();
            assertThat(filter.getOptionalSubjectFilter().getOptionalRelation().getRelation()).isEmpty();
        }

        @Test
        void aSubjectFilterSpiceDbCannotExpressIsRefusedWithoutACall() {
            int before = server.requests(DeleteRelationshipsRequest.class).size();
            Result<ConsistencyToken> r = authorizer.delete(RelationshipFilter.any().withSubjectId("bob"));
            assertThat(r.isOk()).isFalse();
            assertThat(r.failure().reason()).isEqualTo(Reason.VALIDATION);
            assertThat(server.requests(DeleteRelationshipsRequest.class)).hasSize(before);
        }

        @Test
        void lookupResourcesStreamsTheWholeLookupWithoutSpiceDbPaging() {
            authorizer.lookupResources("project", "viewer", BOB, Optional.empty(), 1);
            LookupResourcesRequest sent = last(server.requests(LookupResourcesRequest.class));
            assertThat(sent.getOptionalLimit()).isZero();
            assertThat(sent.hasOptionalCursor()).isFalse();
        }
    }

    @Nested
    class Schema {
        @Test
        void writesTheGivenSchemaAtStart() {
            assertThat(server.schemaText()).contains(AuthorizerContract.SCHEMA);
        }

        @Test
        void writesNothingWithoutASchema() {
            int before = server.requests(WriteSchemaRequest.class).size();
            started(Optional.of(TestSpiceDb.TOKEN), Eventually.GENEROUS, Optional.empty());
            assertThat(server.requests(WriteSchemaRequest.class)).hasSize(before);
        }

        @Test
        void anInvalidSchemaFailsTheStart() {
            Result<SpiceDbAuthorizer> r = SpiceDbAdapter.start(connect(Optional.of(TestSpiceDb.TOKEN)),
                    Eventually.GENEROUS, Optional.of("definition {"));
            assertThat(r.isOk()).isFalse();
            assertThat(r.failure().reason()).isEqualTo(Reason.VALIDATION);
        }

        @Test
        void anUnavailableSpiceDbFailsTheStart() {
            server.failWith(Status.UNAVAILABLE);
            Result<SpiceDbAuthorizer> r = SpiceDbAdapter.start(connect(Optional.of(TestSpiceDb.TOKEN)),
                    Eventually.GENEROUS, Optional.of(AuthorizerContract.SCHEMA));
            assertUnavailable(r, Status.Code.UNAVAILABLE);
        }
    }

    @Nested
    class Readiness {
        private ReadinessCheck readiness() {
            return new SpiceDbReadinessCheck(authorizer);
        }

        @Test
        void isNamedAuthorizationAndUpWhenSpiceDbAnswersWithASchema() {
            assertThat(readiness().name()).isEqualTo("authorization");
            // its own 800 ms budget may run out on a loaded machine: up within a generous bound, not at the first try
            Eventually.value("ready", () -> readiness().check(), ReadinessCheck.Status::up);
        }

        @Test
        void isDownWhenSpiceDbHoldsNoSchema() {
            server = open(TestSpiceDb.inProcess(Optional.of(TestSpiceDb.TOKEN), clock));
            authorizer = started(Optional.of(TestSpiceDb.TOKEN), Eventually.GENEROUS, Optional.empty());
            ReadinessCheck.Status status = readiness().check();
            assertThat(status.up()).isFalse();
        }

        @Test
        void isDownWhenSpiceDbFailsOrRejectsTheToken() {
            server.failWith(Status.UNAVAILABLE.withDescription("connection refused"));
            ReadinessCheck.Status unavailable = readiness().check();
            server.recover();
            authorizer = started(Optional.of("wrong"), Eventually.GENEROUS, Optional.empty());
            ReadinessCheck.Status unauthenticated = readiness().check();
            assertThat(unavailable.up()).isFalse();
            assertThat(unavailable.detail()).contains("UNAVAILABLE");
            assertThat(unauthenticated.up()).isFalse();
            assertThat(unauthenticated.detail()).contains("UNAUTHENTICATED");
        }

        @Test
        void isDownWithinItsTimeoutWhenSpiceDbDoesNotAnswer() {
            server.stopAnswering();
            long started = System.nanoTime();
            ReadinessCheck.Status status = readiness().check();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(status.up()).isFalse();
            assertThat(status.detail()).contains("DEADLINE_EXCEEDED");
            assertThat(took).isLessThan(SpiceDbReadinessCheck.TIMEOUT.plusSeconds(1));
        }
    }

    private static <T> T last(List<T> list) {
        assertThat(list).isNotEmpty();
        return list.get(list.size() - 1);
    }

}
