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
import com.authzed.api.v1.PermissionsServiceGrpc;
import com.authzed.api.v1.ReadSchemaRequest;
import com.authzed.api.v1.ResolvedSubject;
import com.authzed.api.v1.SchemaServiceGrpc;
import com.authzed.api.v1.WriteRelationshipsRequest;
import com.authzed.api.v1.WriteSchemaRequest;
import com.authzed.api.v1.ZedToken;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.CheckResult;
import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.FoundSubjects;
import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link Authorizer} over SpiceDB's v1 API (authzed-java blocking stubs), one gRPC call per method
 * with a deadline of its own.
 *
 * <p><b>Fail closed.</b> A gRPC error, a missed deadline or an answer other than a definite
 * has/has-not permission (conditional, unspecified, unknown enum values) is a {@link Failure} and a
 * log line, never {@link Permissionship#HAS_PERMISSION}.
 *
 * <p><b>Consistency.</b> Write results carry SpiceDB's ZedToken verbatim as the
 * {@link ConsistencyToken}; a check given a token asks for {@code at_least_as_fresh} it. Without a
 * token, reads ask to be at least as fresh as the newest write this adapter made (read-your-writes
 * within the process), or {@code minimize_latency} before any: writes made elsewhere may then show
 * up after SpiceDB's quantization window, so callers that must see them pass the token.
 *
 * <p><b>Lookup-resources paging.</b> The port promises ids in ascending order; SpiceDB streams them
 * in its own order with cursors over that order. So each page streams the whole lookup, sorts and
 * de-duplicates it, and returns the ids after the cursor, which is the last id of the previous page
 * (base64url). Pages are therefore stable across writes (keyset paging) but cost a full lookup each;
 * a lookup beyond {@link #MAX_LOOKUP_RESULTS} fails rather than exhausting memory.
 */
final class SpiceDbAuthorizer implements Authorizer {
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(2);
    static final int MAX_LOOKUP_RESULTS = 100_000;

    private final PermissionsServiceGrpc.PermissionsServiceBlockingStub permissions;
    private final SchemaServiceGrpc.SchemaServiceBlockingStub schemas;
    private final Duration deadline;
    private final AtomicReference<ConsistencyToken> newestWrite = new AtomicReference<>();

    /**
     * @param channel  a channel to SpiceDB that already carries the credentials (see {@link BearerToken})
     * @param deadline the deadline of each call, from its start
     */
    SpiceDbAuthorizer(Channel channel, Duration deadline) {
        Objects.requireNonNull(channel, "channel");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the deadline is positive: " + deadline);
        }
        this.permissions = PermissionsServiceGrpc.newBlockingStub(channel);
        this.schemas = SchemaServiceGrpc.newBlockingStub(channel);
        this.deadline = deadline;
    }

    /** Writes (replaces) SpiceDB's schema; done once at start when the schema ships with Gatehouse. */
    Result<ConsistencyToken> writeSchema(String schema) {
        WriteSchemaRequest request = WriteSchemaRequest.newBuilder().setSchema(schema).build();
        return call("WriteSchema", () -> schemas.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .writeSchema(request))
                .flatMap(response -> token("WriteSchema", response.getWrittenAt()));
    }

    /** The schema text SpiceDB holds; the cheap call behind the readiness check. */
    Result<String> readSchema(Duration within) {
        return call("ReadSchema", () -> schemas.withDeadlineAfter(within.toMillis(), TimeUnit.MILLISECONDS)
                .readSchema(ReadSchemaRequest.getDefaultInstance()))
                .map(response -> response.getSchemaText());
    }

    @Override
    public Result<Permissionship> check(ObjectRef resource, String permission, SubjectRef subject,
                                        Optional<ConsistencyToken> atLeastAsFresh) {
        if (subject.isWildcard()) {
            return Result.fail(Reason.VALIDATION, "cannot check a wildcard subject (" + subject
                    + "): check a concrete subject");
        }
        CheckPermissionRequest request = CheckPermissionRequest.newBuilder()
                .setConsistency(consistency(atLeastAsFresh))
                .setResource(SpiceDbMessages.object(resource))
                .setPermission(permission)
                .setSubject(SpiceDbMessages.subject(subject))
                .build();
        return call("CheckPermission", () -> permissions().checkPermission(request))
                .flatMap(response -> permissionship(response.getPermissionship()));
    }

    /** A check with caveat context; SpiceDB's CONDITIONAL answer names the missing parameters. */
    @Override
    public Result<CheckResult> checkWithContext(ObjectRef resource, String permission, SubjectRef subject,
                                                Map<String, Object> context, Optional<ConsistencyToken> atLeastAsFresh) {
        if (subject.isWildcard()) {
            return Result.fail(Reason.VALIDATION, "cannot check a wildcard subject (" + subject
                    + "): check a concrete subject");
        }
        CheckPermissionRequest.Builder request = CheckPermissionRequest.newBuilder()
                .setConsistency(consistency(atLeastAsFresh))
                .setResource(SpiceDbMessages.object(resource))
                .setPermission(permission)
                .setSubject(SpiceDbMessages.subject(subject));
        if (!context.isEmpty()) {
            request.setContext(SpiceDbMessages.struct(context));
        }
        return call("CheckPermission", () -> permissions().checkPermission(request.build()))
                .flatMap(response -> response.getPermissionship()
                        == CheckPermissionResponse.Permissionship.PERMISSIONSHIP_CONDITIONAL_PERMISSION
                        ? Result.ok(new CheckResult(Permissionship.CONDITIONAL_PERMISSION,
                        sorted(response.getPartialCaveatInfo().getMissingRequiredContextList())))
                        : permissionship(response.getPermissionship()).map(CheckResult::of));
    }

    /**
     * Lookup-resources with caveat context: conditional resources listed with the missing parameters.
     * Pages like {@link #lookupResources}.
     */
    @Override
    public Result<CursorPage<FoundResource>> lookupResourcesWithContext(String resourceType, String permission,
                                                                       SubjectRef subject, Map<String, Object> context,
                                                                       Optional<String> cursor, int limit) {
        if (limit < 1 || limit > LocalAuthorizer.MAX_PAGE_SIZE) {
            return Result.fail(Failure.invalid("limit", "must be between 1 and " + LocalAuthorizer.MAX_PAGE_SIZE));
        }
        Optional<String> after;
        try {
            after = cursor.map(SpiceDbAuthorizer::decodeCursor);
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.invalid("cursor", "is not a cursor of this lookup"));
        }
        if (subject.isWildcard()) {
            return Result.fail(Reason.VALIDATION, "cannot look up resources for a wildcard subject (" + subject + ")");
        }
        LookupResourcesRequest.Builder request = LookupResourcesRequest.newBuilder()
                .setConsistency(consistency(Optional.empty()))
                .setResourceObjectType(resourceType)
                .setPermission(permission)
                .setSubject(SpiceDbMessages.subject(subject));
        if (!context.isEmpty()) {
            request.setContext(SpiceDbMessages.struct(context));
        }
        return stream("LookupResources", () -> permissions().lookupResources(request.build()), responses -> {
            java.util.TreeMap<String, CheckResult> found = new java.util.TreeMap<>();
            while (responses.hasNext()) {
                LookupResourcesResponse response = responses.next();
                CheckResult result;
                if (response.getPermissionship() == LookupPermissionship.LOOKUP_PERMISSIONSHIP_HAS_PERMISSION) {
                    result = CheckResult.of(Permissionship.HAS_PERMISSION);
                } else if (response.getPermissionship() == LookupPermissionship.LOOKUP_PERMISSIONSHIP_CONDITIONAL_PERMISSION) {
                    result = new CheckResult(Permissionship.CONDITIONAL_PERMISSION,
                            sorted(response.getPartialCaveatInfo().getMissingRequiredContextList()));
                } else {
                    return Result.fail(SpiceDbFailures.unknownAnswer("LookupResources",
                            response.getPermissionship() + " for " + resourceType + ":" + response.getResourceObjectId()));
                }
                // SpiceDB may stream a resource once per path: a definite answer wins
                found.merge(response.getResourceObjectId(), result, (a, b) -> a.allowed() ? a : b);
                if (found.size() > MAX_LOOKUP_RESULTS) {
                    return Result.fail(Failure.of(Reason.INVALID_STATE, "the lookup finds more than "
                            + MAX_LOOKUP_RESULTS + " resources; the SpiceDB adapter does not page that far"));
                }
            }
            List<FoundResource> page = new ArrayList<>(limit);
            boolean more = false;
            for (var e : (after.isPresent() ? found.tailMap(after.get(), false) : found).entrySet()) {
                if (page.size() == limit) {
                    more = true;
                    break;
                }
                page.add(new FoundResource(e.getKey(), e.getValue()));
            }
            Optional<String> next = more ? Optional.of(encodeCursor(page.get(page.size() - 1).id())) : Optional.empty();
            return Result.ok(new CursorPage<>(page, next));
        });
    }

    /**
     * Lookup-subjects with caveat context: conditional subjects listed apart with the missing
     * parameters; a conditionally excluded subject counts as excluded (the answer may only under-grant).
     */
    @Override
    public Result<FoundSubjects> lookupSubjectsWithContext(ObjectRef resource, String permission, String subjectType,
                                                           Optional<String> subjectRelation, Map<String, Object> context) {
        LookupSubjectsRequest.Builder request = LookupSubjectsRequest.newBuilder()
                .setConsistency(consistency(Optional.empty()))
                .setResource(SpiceDbMessages.object(resource))
                .setPermission(permission)
                .setSubjectObjectType(subjectType)
                .setOptionalSubjectRelation(subjectRelation.filter(r -> !SubjectRef.ELLIPSIS.equals(r)).orElse(""))
                .setWildcardOption(LookupSubjectsRequest.WildcardOption.WILDCARD_OPTION_INCLUDE_WILDCARDS);
        if (!context.isEmpty()) {
            request.setContext(SpiceDbMessages.struct(context));
        }
        return stream("LookupSubjects", () -> permissions().lookupSubjects(request.build()), responses -> {
            TreeSet<String> ids = new TreeSet<>();
            java.util.TreeMap<String, List<String>> conditional = new java.util.TreeMap<>();
            TreeSet<String> excluded = new TreeSet<>();
            boolean wildcard = false;
            List<String> wildcardMissing = List.of();
            while (responses.hasNext()) {
                LookupSubjectsResponse response = responses.next();
                ResolvedSubject found = response.getSubject();
                boolean isConditional = found.getPermissionship()
                        == LookupPermissionship.LOOKUP_PERMISSIONSHIP_CONDITIONAL_PERMISSION;
                if (!isConditional && found.getPermissionship() != LookupPermissionship.LOOKUP_PERMISSIONSHIP_HAS_PERMISSION) {
                    return Result.fail(SpiceDbFailures.unknownAnswer("LookupSubjects",
                            found.getPermissionship() + " for " + subjectType + ":" + found.getSubjectObjectId()));
                }
                List<String> missing = isConditional
                        ? sorted(found.getPartialCaveatInfo().getMissingRequiredContextList()) : List.of();
                if (SubjectRef.WILDCARD.equals(found.getSubjectObjectId())) {
                    if (!wildcard || !isConditional) {
                        wildcardMissing = isConditional && !wildcard ? missing : List.of();
                    }
                    wildcard = true;
                    response.getExcludedSubjectsList().forEach(e -> excluded.add(e.getSubjectObjectId()));
                } else if (isConditional) {
                    conditional.putIfAbsent(found.getSubjectObjectId(), missing);
                } else {
                    ids.add(found.getSubjectObjectId());
                }
            }
            ids.forEach(conditional::remove);
            return Result.ok(new FoundSubjects(List.copyOf(ids), wildcard, wildcard ? List.copyOf(excluded) : List.of(),
                    conditional, wildcard ? wildcardMissing : List.of()));
        });
    }

    private static List<String> sorted(List<String> names) {
        return new TreeSet<>(names).stream().toList();
    }

    @Override
    public Result<CursorPage<String>> lookupResources(String resourceType, String permission, SubjectRef subject,
                                                      Optional<String> cursor, int limit) {
        if (limit < 1 || limit > LocalAuthorizer.MAX_PAGE_SIZE) {
            return Result.fail(Failure.invalid("limit", "must be between 1 and " + LocalAuthorizer.MAX_PAGE_SIZE));
        }
        Optional<String> after;
        try {
            after = cursor.map(SpiceDbAuthorizer::decodeCursor);
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.invalid("cursor", "is not a cursor of this lookup"));
        }
        if (subject.isWildcard()) {
            return Result.fail(Reason.VALIDATION, "cannot look up resources for a wildcard subject (" + subject + ")");
        }
        LookupResourcesRequest request = LookupResourcesRequest.newBuilder()
                .setConsistency(consistency(Optional.empty()))
                .setResourceObjectType(resourceType)
                .setPermission(permission)
                .setSubject(SpiceDbMessages.subject(subject))
                .build();
        return stream("LookupResources", () -> permissions().lookupResources(request), responses -> {
            TreeSet<String> ids = new TreeSet<>();
            while (responses.hasNext()) {
                LookupResourcesResponse response = responses.next();
                if (response.getPermissionship() != LookupPermissionship.LOOKUP_PERMISSIONSHIP_HAS_PERMISSION) {
                    return Result.fail(SpiceDbFailures.unknownAnswer("LookupResources",
                            response.getPermissionship() + " for " + resourceType + ":" + response.getResourceObjectId()));
                }
                ids.add(response.getResourceObjectId());
                if (ids.size() > MAX_LOOKUP_RESULTS) {
                    return Result.fail(Failure.of(Reason.INVALID_STATE, "the lookup finds more than "
                            + MAX_LOOKUP_RESULTS + " resources; the SpiceDB adapter does not page that far"));
                }
            }
            List<String> page = new ArrayList<>(limit);
            boolean more = false;
            for (String id : after.isPresent() ? ids.tailSet(after.get(), false) : ids) {
                if (page.size() == limit) {
                    more = true;
                    break;
                }
                page.add(id);
            }
            Optional<String> next = more ? Optional.of(encodeCursor(page.get(page.size() - 1))) : Optional.empty();
            return Result.ok(new CursorPage<>(page, next));
        });
    }

    @Override
    public Result<FoundSubjects> lookupSubjects(ObjectRef resource, String permission, String subjectType,
                                                Optional<String> subjectRelation) {
        LookupSubjectsRequest request = LookupSubjectsRequest.newBuilder()
                .setConsistency(consistency(Optional.empty()))
                .setResource(SpiceDbMessages.object(resource))
                .setPermission(permission)
                .setSubjectObjectType(subjectType)
                .setOptionalSubjectRelation(subjectRelation.filter(r -> !SubjectRef.ELLIPSIS.equals(r)).orElse(""))
                .setWildcardOption(LookupSubjectsRequest.WildcardOption.WILDCARD_OPTION_INCLUDE_WILDCARDS)
                .build();
        return stream("LookupSubjects", () -> permissions().lookupSubjects(request), responses -> {
            TreeSet<String> ids = new TreeSet<>();
            TreeSet<String> excluded = new TreeSet<>();
            boolean wildcard = false;
            while (responses.hasNext()) {
                LookupSubjectsResponse response = responses.next();
                ResolvedSubject found = response.getSubject();
                if (found.getPermissionship() != LookupPermissionship.LOOKUP_PERMISSIONSHIP_HAS_PERMISSION) {
                    return Result.fail(SpiceDbFailures.unknownAnswer("LookupSubjects",
                            found.getPermissionship() + " for " + subjectType + ":" + found.getSubjectObjectId()));
                }
                if (SubjectRef.WILDCARD.equals(found.getSubjectObjectId())) {
                    wildcard = true;
                    // A conditionally excluded subject counts as excluded: the answer may only under-grant.
                    response.getExcludedSubjectsList().forEach(e -> excluded.add(e.getSubjectObjectId()));
                } else {
                    ids.add(found.getSubjectObjectId());
                }
            }
            return Result.ok(new FoundSubjects(List.copyOf(ids), wildcard, wildcard ? List.copyOf(excluded) : List.of()));
        });
    }

    @Override
    public Result<ConsistencyToken> write(List<RelationshipUpdate> updates) {
        WriteRelationshipsRequest.Builder request = WriteRelationshipsRequest.newBuilder();
        updates.forEach(u -> request.addUpdates(SpiceDbMessages.update(u)));
        return call("WriteRelationships", () -> permissions().writeRelationships(request.build()))
                .flatMap(response -> token("WriteRelationships", response.getWrittenAt()))
                .map(this::remember);
    }

    @Override
    public Result<ConsistencyToken> delete(RelationshipFilter filter) {
        if (filter.isUnrestricted()) {
            return Result.fail(Reason.VALIDATION, "a delete filter must name at least one field");
        }
        Optional<com.authzed.api.v1.RelationshipFilter> spiceDbFilter = SpiceDbMessages.filter(filter);
        if (spiceDbFilter.isEmpty()) {
            return Result.fail(Failure.invalid("subjectType", "SpiceDB filters subjects by id or relation only "
                    + "together with their type"));
        }
        DeleteRelationshipsRequest request = DeleteRelationshipsRequest.newBuilder()
                .setRelationshipFilter(spiceDbFilter.get())
                .build();
        return call("DeleteRelationships", () -> permissions().deleteRelationships(request))
                .flatMap(response -> response.getDeletionProgress()
                        == DeleteRelationshipsResponse.DeletionProgress.DELETION_PROGRESS_PARTIAL
                        ? Result.fail(SpiceDbFailures.unknownAnswer("DeleteRelationships", "partial deletion"))
                        : token("DeleteRelationships", response.getDeletedAt()))
                .map(this::remember);
    }

    private PermissionsServiceGrpc.PermissionsServiceBlockingStub permissions() {
        return permissions.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Consistency consistency(Optional<ConsistencyToken> atLeastAsFresh) {
        return atLeastAsFresh.or(() -> Optional.ofNullable(newestWrite.get()))
                .map(SpiceDbMessages::atLeastAsFresh)
                .orElseGet(SpiceDbMessages::minimizeLatency);
    }

    private ConsistencyToken remember(ConsistencyToken token) {
        newestWrite.set(token);
        return token;
    }

    private static Result<Permissionship> permissionship(CheckPermissionResponse.Permissionship answer) {
        return switch (answer) {
            case PERMISSIONSHIP_HAS_PERMISSION -> Result.ok(Permissionship.HAS_PERMISSION);
            case PERMISSIONSHIP_NO_PERMISSION -> Result.ok(Permissionship.NO_PERMISSION);
            // Conditional (caveats without context), unspecified or a value newer than these stubs: deny.
            default -> Result.fail(SpiceDbFailures.unknownAnswer("CheckPermission", answer));
        };
    }

    private static Result<ConsistencyToken> token(String call, ZedToken token) {
        return token.getToken().isBlank()
                ? Result.fail(SpiceDbFailures.unknownAnswer(call, "no ZedToken"))
                : Result.ok(new ConsistencyToken(token.getToken()));
    }

    private static <T> Result<T> call(String name, Supplier<T> rpc) {
        try {
            return Result.ok(rpc.get());
        } catch (StatusRuntimeException e) {
            return Result.fail(SpiceDbFailures.fromStatus(name, e.getStatus()));
        } catch (RuntimeException e) {
            return Result.fail(SpiceDbFailures.unexpected(name, e));
        }
    }

    /**
     * Runs a server-streaming call and reads it; the call is cancelled when reading stops early (a
     * failure), rather than left open until its deadline.
     */
    private static <R, T> Result<T> stream(String name, Supplier<Iterator<R>> rpc,
                                           Function<Iterator<R>, Result<T>> read) {
        Context.CancellableContext context = Context.current().withCancellation();
        Context previous = context.attach();
        try {
            return read.apply(rpc.get());
        } catch (StatusRuntimeException e) {
            return Result.fail(SpiceDbFailures.fromStatus(name, e.getStatus()));
        } catch (RuntimeException e) {
            return Result.fail(SpiceDbFailures.unexpected(name, e));
        } finally {
            context.detach(previous);
            context.cancel(Status.CANCELLED.withDescription("read finished").asRuntimeException());
        }
    }

    private static String encodeCursor(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (id.isEmpty() || !id.chars().allMatch(SpiceDbAuthorizer::isObjectIdChar)) {
            throw new IllegalArgumentException("not a cursor");
        }
        return id;
    }

    /** SpiceDB's object id alphabet: {@code [a-zA-Z0-9/_|\-=+]}. */
    private static boolean isObjectIdChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/_|-=+".indexOf(c) >= 0;
    }
}
