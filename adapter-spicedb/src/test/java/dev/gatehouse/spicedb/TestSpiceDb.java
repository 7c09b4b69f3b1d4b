package dev.gatehouse.spicedb;

import com.authzed.api.v1.CheckPermissionRequest;
import com.authzed.api.v1.CheckPermissionResponse;
import com.authzed.api.v1.Consistency;
import com.authzed.api.v1.DeleteRelationshipsRequest;
import com.authzed.api.v1.DeleteRelationshipsResponse;
import com.authzed.api.v1.LookupPermissionship;
import com.authzed.api.v1.LookupResourcesRequest;
import com.authzed.api.v1.LookupResourcesResponse;
import com.authzed.api.v1.LookupSubjectsRequest;
import com.authzed.api.v1.LookupSubjectsResponse;
import com.authzed.api.v1.ObjectReference;
import com.authzed.api.v1.PermissionsServiceGrpc;
import com.authzed.api.v1.ReadSchemaRequest;
import com.authzed.api.v1.ReadSchemaResponse;
import com.authzed.api.v1.ResolvedSubject;
import com.authzed.api.v1.SchemaServiceGrpc;
import com.authzed.api.v1.SubjectReference;
import com.authzed.api.v1.WriteRelationshipsRequest;
import com.authzed.api.v1.WriteRelationshipsResponse;
import com.authzed.api.v1.WriteSchemaRequest;
import com.authzed.api.v1.WriteSchemaResponse;
import com.authzed.api.v1.ZedToken;
import com.google.protobuf.Message;
import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.FoundSubjects;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.Schema;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A stand-in for SpiceDB in tests: a gRPC server implementing SpiceDB's v1 {@code PermissionsService}
 * (check, lookup resources and subjects, write and delete relationships) and {@code SchemaService}
 * (read and write schema) from the official protos, answering with the core's {@link LocalAuthorizer}
 * over {@link MemoryRelationships}. It is always fully consistent; ZedTokens are opaque strings that
 * encode the revision of the relationships.
 *
 * <p>It checks the {@code authorization: Bearer <token>} metadata like SpiceDB's preshared key
 * (UNAUTHENTICATED otherwise), records the metadata and requests it received, and can be made to
 * fail every call with a status ({@link #failWith}) or to never answer ({@link #stopAnswering}).
 * Lookup paging ({@code optional_limit}, cursors) is UNIMPLEMENTED: the adapter does not use it, so
 * a change that starts to would show up here rather than pass silently.
 */
final class TestSpiceDb implements AutoCloseable {
    static final String TOKEN = "test-preshared-key";
    private static final String ZED_PREFIX = "testspicedb:";

    private final Optional<String> requiredToken;
    private final Clock clock;
    private final MemoryTransactions tx = new MemoryTransactions();
    private final MemoryRelationships relationships = new MemoryRelationships(tx);
    private final List<String> authorizationHeaders = new CopyOnWriteArrayList<>();
    private final List<Message> requests = new CopyOnWriteArrayList<>();
    private final Server server;
    private final String inProcessName;
    private volatile LocalAuthorizer authorizer;
    private volatile String schemaText;
    private volatile Status failure;
    private volatile boolean answering = true;
    private volatile Integer forcedCheckAnswer;
    private volatile LookupPermissionship forcedLookupAnswer;

    private TestSpiceDb(Optional<String> requiredToken, Clock clock, boolean loopback) {
        this.requiredToken = requiredToken;
        this.clock = clock;
        this.inProcessName = "test-spicedb-" + UUID.randomUUID();
        ServerBuilder<?> builder = loopback ? loopbackBuilder() : InProcessServerBuilder.forName(inProcessName).directExecutor();
        ServerInterceptor[] interceptors = {new Switches(), new Authentication()};
        this.server = builder
                .addService(ServerInterceptors.intercept(new Permissions(), interceptors))
                .addService(ServerInterceptors.intercept(new Schemas(), interceptors))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An in-process server (no sockets) requiring {@code token} when present. */
    static TestSpiceDb inProcess(Optional<String> token, Clock clock) {
        return new TestSpiceDb(token, clock, false);
    }

    /** A Netty server on 127.0.0.1 with an ephemeral port, plaintext, requiring {@code token} when present. */
    static TestSpiceDb onLoopback(Optional<String> token, Clock clock) {
        return new TestSpiceDb(token, clock, true);
    }

    /**
     * Netty's server builder for a loopback address. grpc-api only builds servers by port (on every
     * interface), and Netty is a runtime dependency of this module, so its builder is reached
     * reflectively rather than compiled against.
     */
    private static ServerBuilder<?> loopbackBuilder() {
        try {
            Class<?> netty = Class.forName("io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder");
            SocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            return (ServerBuilder<?>) netty.getMethod("forAddress", SocketAddress.class, ServerCredentials.class)
                    .invoke(null, address, InsecureServerCredentials.create());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("grpc-netty-shaded is expected on the test classpath", e);
        }
    }

    /** A new in-process channel to this server; the caller shuts it down. */
    ManagedChannel inProcessChannel() {
        return InProcessChannelBuilder.forName(inProcessName).directExecutor().build();
    }

    /** {@code 127.0.0.1:port} of a loopback server. */
    String target() {
        InetSocketAddress address = (InetSocketAddress) server.getListenSockets().get(0);
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** Every later call fails with {@code status} until {@link #recover()}. */
    void failWith(Status status) {
        failure = status;
    }

    /** Every later call is accepted and never answered (the client's deadline ends it). */
    void stopAnswering() {
        answering = false;
    }

    /**
     * Later checks answer the permissionship with this wire value whatever the relationships say: a
     * conditional answer, an unspecified one, or one newer than the stubs.
     */
    void answerChecksWith(int permissionshipValue) {
        forcedCheckAnswer = permissionshipValue;
    }

    /** Later lookups mark every result with {@code answer}. */
    void answerLookupsWith(LookupPermissionship answer) {
        forcedLookupAnswer = answer;
    }

    void recover() {
        failure = null;
        answering = true;
        forcedCheckAnswer = null;
        forcedLookupAnswer = null;
    }

    /** The {@code authorization} metadata of every call received, {@code "<none>"} when absent. */
    List<String> authorizationHeaders() {
        return List.copyOf(authorizationHeaders);
    }

    /** The requests received and authenticated, in order. */
    <T extends Message> List<T> requests(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    Optional<String> schemaText() {
        return Optional.ofNullable(schemaText);
    }

    /** Writes relationships behind the adapter's back (like another process would). */
    void touch(Relationship relationship) {
        Result<Long> r = relationships.write(List.of(RelationshipUpdate.touch(relationship)));
        if (!r.isOk()) {
            throw new IllegalStateException(r.failure().toString());
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- tokens and conversions --------------------------------------------------------------------

    private static ZedToken zedToken(long revision) {
        String text = ZED_PREFIX + revision;
        return ZedToken.newBuilder()
                .setToken(Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    private ZedToken now() {
        return zedToken(relationships.revision());
    }

    /** The revision a ZedToken of this server names; INVALID_ARGUMENT for anything else, as SpiceDB does. */
    private static long revision(ZedToken token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token.getToken()), StandardCharsets.UTF_8);
            if (!text.startsWith(ZED_PREFIX)) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(text.substring(ZED_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT.withDescription("invalid zedtoken").asRuntimeException();
        }
    }

    /** Local revision for {@code at_least_as_fresh}; other modes need nothing from a consistent store. */
    private Optional<ConsistencyToken> freshness(Consistency consistency) {
        return switch (consistency.getRequirementCase()) {
            case AT_LEAST_AS_FRESH -> {
                long wanted = revision(consistency.getAtLeastAsFresh());
                if (wanted > relationships.revision()) {
                    throw Status.INVALID_ARGUMENT.withDescription("zedtoken from the future").asRuntimeException();
                }
                yield Optional.of(new ConsistencyToken(Long.toString(wanted)));
            }
            case AT_EXACT_SNAPSHOT -> throw Status.UNIMPLEMENTED.withDescription("at_exact_snapshot").asRuntimeException();
            default -> Optional.empty();
        };
    }

    private static ObjectRef object(ObjectReference o) {
        return new ObjectRef(o.getObjectType(), o.getObjectId());
    }

    private static SubjectRef subject(SubjectReference s) {
        String relation = s.getOptionalRelation().isEmpty() ? SubjectRef.ELLIPSIS : s.getOptionalRelation();
        return new SubjectRef(s.getObject().getObjectType(), s.getObject().getObjectId(), relation);
    }

    private static Relationship relationship(com.authzed.api.v1.Relationship r) {
        return new Relationship(object(r.getResource()), r.getRelation(), subject(r.getSubject()),
                r.hasOptionalExpiresAt() ? Optional.of(SpiceDbMessages.instant(r.getOptionalExpiresAt())) : Optional.empty());
    }

    private static RelationshipUpdate update(com.authzed.api.v1.RelationshipUpdate u) {
        RelationshipUpdate.Operation operation = switch (u.getOperation()) {
            case OPERATION_CREATE -> RelationshipUpdate.Operation.CREATE;
            case OPERATION_TOUCH -> RelationshipUpdate.Operation.TOUCH;
            case OPERATION_DELETE -> RelationshipUpdate.Operation.DELETE;
            default -> throw Status.INVALID_ARGUMENT.withDescription("operation " + u.getOperation()).asRuntimeException();
        };
        return new RelationshipUpdate(operation, relationship(u.getRelationship()));
    }

    private static RelationshipFilter filter(com.authzed.api.v1.RelationshipFilter f) {
        RelationshipFilter filter = RelationshipFilter.any();
        if (!f.getResourceType().isEmpty()) {
            filter = filter.withResourceType(f.getResourceType());
        }
        if (!f.getOptionalResourceId().isEmpty()) {
            filter = filter.withResourceId(f.getOptionalResourceId());
        }
        if (!f.getOptionalResourceIdPrefix().isEmpty()) {
            throw Status.UNIMPLEMENTED.withDescription("optional_resource_id_prefix").asRuntimeException();
        }
        if (!f.getOptionalRelation().isEmpty()) {
            filter = filter.withRelation(f.getOptionalRelation());
        }
        if (f.hasOptionalSubjectFilter()) {
            var s = f.getOptionalSubjectFilter();
            filter = filter.withSubjectType(s.getSubjectType());
            if (!s.getOptionalSubjectId().isEmpty()) {
                filter = filter.withSubjectId(s.getOptionalSubjectId());
            }
            if (s.hasOptionalRelation()) {
                String relation = s.getOptionalRelation().getRelation();
                filter = filter.withSubjectRelation(relation.isEmpty() ? SubjectRef.ELLIPSIS : relation);
            }
        }
        return filter;
    }

    private static <T> T orThrow(Result<T> result) {
        if (result.isOk()) {
            return result.value();
        }
        Failure f = result.failure();
        Status status = switch (f.reason()) {
            case VALIDATION -> Status.INVALID_ARGUMENT;
            case CONFLICT -> Status.ALREADY_EXISTS;
            case INVALID_STATE -> Status.FAILED_PRECONDITION;
            case UNAVAILABLE -> Status.UNAVAILABLE;
            default -> Status.INTERNAL;
        };
        throw status.withDescription(f.message() + " " + f.fieldErrors()).asRuntimeException();
    }

    private LocalAuthorizer authorizer() {
        LocalAuthorizer a = authorizer;
        if (a == null) {
            throw Status.FAILED_PRECONDITION.withDescription("No schema has been defined; please call WriteSchema to start")
                    .asRuntimeException();
        }
        return a;
    }

    /** Answers one unary call: the value, or the status the work threw, or INVALID_ARGUMENT for bad input. */
    private <T> void unary(Message request, StreamObserver<T> observer, Supplier<T> work) {
        requests.add(request);
        try {
            T response = work.get();
            observer.onNext(response);
            observer.onCompleted();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
        } catch (IllegalArgumentException e) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    private <T> void streaming(Message request, StreamObserver<T> observer, Supplier<List<T>> work) {
        requests.add(request);
        try {
            List<T> responses = work.get();
            responses.forEach(observer::onNext);
            observer.onCompleted();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
        } catch (IllegalArgumentException e) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    // --- services ----------------------------------------------------------------------------------

    private final class Permissions extends PermissionsServiceGrpc.PermissionsServiceImplBase {
        @Override
        public void checkPermission(CheckPermissionRequest request, StreamObserver<CheckPermissionResponse> observer) {
            unary(request, observer, () -> {
                Permissionship answer = orThrow(authorizer().check(object(request.getResource()), request.getPermission(),
                        subject(request.getSubject()), freshness(request.getConsistency())));
                Integer forced = forcedCheckAnswer;
                CheckPermissionResponse.Builder response = CheckPermissionResponse.newBuilder()
                        .setCheckedAt(now())
                        .setPermissionship(answer == Permissionship.HAS_PERMISSION
                                ? CheckPermissionResponse.Permissionship.PERMISSIONSHIP_HAS_PERMISSION
                                : CheckPermissionResponse.Permissionship.PERMISSIONSHIP_NO_PERMISSION);
                if (forced != null) {
                    response.setPermissionshipValue(forced);
                }
                return response.build();
            });
        }

        @Override
        public void lookupResources(LookupResourcesRequest request, StreamObserver<LookupResourcesResponse> observer) {
            streaming(request, observer, () -> {
                if (request.getOptionalLimit() != 0 || request.hasOptionalCursor()) {
                    throw Status.UNIMPLEMENTED.withDescription("lookup paging").asRuntimeException();
                }
                freshness(request.getConsistency());
                ZedToken at = now();
                List<LookupResourcesResponse> found = new ArrayList<>();
                Optional<String> cursor = Optional.empty();
                do {
                    CursorPage<String> page = orThrow(authorizer().lookupResources(request.getResourceObjectType(),
                            request.getPermission(), subject(request.getSubject()), cursor, LocalAuthorizer.MAX_PAGE_SIZE));
                    page.items().forEach(id -> found.add(LookupResourcesResponse.newBuilder()
                            .setLookedUpAt(at)
                            .setResourceObjectId(id)
                            .setPermissionship(lookupAnswer())
                            .build()));
                    cursor = page.nextCursor();
                } while (cursor.isPresent());
                return found;
            });
        }

        @Override
        public void lookupSubjects(LookupSubjectsRequest request, StreamObserver<LookupSubjectsResponse> observer) {
            streaming(request, observer, () -> {
                if (request.getOptionalConcreteLimit() != 0 || request.hasOptionalCursor()) {
                    throw Status.UNIMPLEMENTED.withDescription("lookup paging").asRuntimeException();
                }
                freshness(request.getConsistency());
                ZedToken at = now();
                FoundSubjects subjects = orThrow(authorizer().lookupSubjects(object(request.getResource()),
                        request.getPermission(), request.getSubjectObjectType(),
                        Optional.of(request.getOptionalSubjectRelation()).filter(r -> !r.isEmpty())));
                List<LookupSubjectsResponse> found = new ArrayList<>();
                subjects.subjectIds().forEach(id -> found.add(LookupSubjectsResponse.newBuilder()
                        .setLookedUpAt(at)
                        .setSubject(resolved(id))
                        .build()));
                if (subjects.wildcard() && request.getWildcardOption()
                        != LookupSubjectsRequest.WildcardOption.WILDCARD_OPTION_EXCLUDE_WILDCARDS) {
                    var wildcard = LookupSubjectsResponse.newBuilder().setLookedUpAt(at).setSubject(resolved(SubjectRef.WILDCARD));
                    subjects.excludedFromWildcard().forEach(id -> wildcard.addExcludedSubjects(resolved(id)));
                    found.add(wildcard.build());
                }
                return found;
            });
        }

        private ResolvedSubject resolved(String id) {
            return ResolvedSubject.newBuilder()
                    .setSubjectObjectId(id)
                    .setPermissionship(lookupAnswer())
                    .build();
        }

        private LookupPermissionship lookupAnswer() {
            LookupPermissionship forced = forcedLookupAnswer;
            return forced != null ? forced : LookupPermissionship.LOOKUP_PERMISSIONSHIP_HAS_PERMISSION;
        }

        @Override
        public void writeRelationships(WriteRelationshipsRequest request, StreamObserver<WriteRelationshipsResponse> observer) {
            unary(request, observer, () -> {
                if (request.getOptionalPreconditionsCount() > 0) {
                    throw Status.UNIMPLEMENTED.withDescription("preconditions").asRuntimeException();
                }
                List<RelationshipUpdate> updates = request.getUpdatesList().stream().map(TestSpiceDb::update).toList();
                long revision = Long.parseLong(orThrow(authorizer().write(updates)).value());
                return WriteRelationshipsResponse.newBuilder().setWrittenAt(zedToken(revision)).build();
            });
        }

        @Override
        public void deleteRelationships(DeleteRelationshipsRequest request,
                                        StreamObserver<DeleteRelationshipsResponse> observer) {
            unary(request, observer, () -> {
                if (request.getOptionalPreconditionsCount() > 0 || request.getOptionalLimit() != 0) {
                    throw Status.UNIMPLEMENTED.withDescription("preconditions and limits").asRuntimeException();
                }
                long revision = Long.parseLong(orThrow(authorizer().delete(filter(request.getRelationshipFilter()))).value());
                return DeleteRelationshipsResponse.newBuilder()
                        .setDeletedAt(zedToken(revision))
                        .setDeletionProgress(DeleteRelationshipsResponse.DeletionProgress.DELETION_PROGRESS_COMPLETE)
                        .build();
            });
        }
    }

    private final class Schemas extends SchemaServiceGrpc.SchemaServiceImplBase {
        @Override
        public void writeSchema(WriteSchemaRequest request, StreamObserver<WriteSchemaResponse> observer) {
            unary(request, observer, () -> {
                Schema schema = orThrow(Schema.parse(request.getSchema()));
                authorizer = orThrow(LocalAuthorizer.create(schema, relationships, tx, clock));
                schemaText = request.getSchema();
                return WriteSchemaResponse.newBuilder().setWrittenAt(now()).build();
            });
        }

        @Override
        public void readSchema(ReadSchemaRequest request, StreamObserver<ReadSchemaResponse> observer) {
            unary(request, observer, () -> {
                String text = schemaText;
                if (text == null) {
                    throw Status.NOT_FOUND.withDescription("No schema has been defined; please call WriteSchema to start")
                            .asRuntimeException();
                }
                return ReadSchemaResponse.newBuilder().setSchemaText(text).setReadAt(now()).build();
            });
        }
    }

    // --- interceptors ------------------------------------------------------------------------------

    /** SpiceDB's preshared key check. */
    private final class Authentication implements ServerInterceptor {
        private final Metadata.Key<String> authorization = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                          ServerCallHandler<Q, R> next) {
            String header = headers.get(authorization);
            authorizationHeaders.add(header == null ? "<none>" : header);
            if (requiredToken.isPresent() && !("Bearer " + requiredToken.get()).equals(header)) {
                call.close(Status.UNAUTHENTICATED.withDescription("invalid preshared key"), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
            return next.startCall(call, headers);
        }
    }

    /** The failure switches, applied after authentication (which records the metadata). */
    private final class Switches implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                          ServerCallHandler<Q, R> next) {
            Status failing = failure;
            if (failing != null) {
                call.close(failing, new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
            if (!answering) {
                return new ServerCall.Listener<>() {
                };
            }
            return next.startCall(call, headers);
        }
    }
}
