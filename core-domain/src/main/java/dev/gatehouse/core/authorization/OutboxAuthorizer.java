package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link Authorizer} whose writes go through the {@link RelationshipOutbox}: relationship
 * changes commit with the domain change that caused them (in the caller's transaction) and
 * {@link RelationshipRelay} applies them to the target engine (SpiceDB) afterwards, retrying until it
 * answers. Reads go to the target.
 *
 * <p><b>Writes</b> are validated before they are enqueued, as far as that is possible without the
 * engine: the batch is not empty, at most {@link #MAX_BATCH} updates, no relationship twice, a
 * delete filter is restricted and names a subject type when it names a subject id or relation, and,
 * when a {@link Schema} is given, every relationship is allowed by it (the rules of the local
 * evaluator). A CREATE of a relationship that already exists does not fail: the engine's state is not
 * known at enqueue time, and the relay sends every CREATE as a TOUCH so that a retried batch is
 * idempotent.
 *
 * <p><b>Tokens.</b> A write returns {@code outbox:<sequence>} at once. A check given such a token
 * is at least as fresh as the engine's token for that change once it is relayed; while it is not,
 * the check fails closed with {@link Reason#UNAVAILABLE} (code
 * {@link AuthorizationFailures#NOT_YET_REPLICATED}): the caller retries, it is never answered from
 * a state that may not contain its write. A token naming no change (its transaction rolled back,
 * it was purged, or it never came from this outbox) is invalid. Other tokens pass through to the
 * target unchanged. Reads without a token see relayed changes only, after the relay's delay.
 */
public final class OutboxAuthorizer implements Authorizer {
    public static final String TOKEN_PREFIX = "outbox:";
    /** SpiceDB's default limit of updates per WriteRelationships call. */
    public static final int MAX_BATCH = 1000;

    private final Authorizer target;
    private final RelationshipOutbox outbox;
    private final Clock clock;
    private final Optional<SchemaRules> rules;

    /**
     * @param target the engine reads go to and the relay writes to
     * @param schema when present, writes are validated against it before they are enqueued
     */
    public OutboxAuthorizer(Authorizer target, RelationshipOutbox outbox, Clock clock, Optional<Schema> schema) {
        this.target = Objects.requireNonNull(target, "target");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rules = schema.map(SchemaRules::new);
    }

    /** The token a write of entry {@code sequence} returns. */
    public static ConsistencyToken token(long sequence) {
        return new ConsistencyToken(TOKEN_PREFIX + sequence);
    }

    /** The sequence an {@code outbox:} token names, or empty for any other token; throws on a malformed outbox token. */
    public static Optional<Long> sequence(ConsistencyToken token) {
        if (!token.value().startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        try {
            long seq = Long.parseLong(token.value().substring(TOKEN_PREFIX.length()));
            if (seq < 1) {
                throw new IllegalArgumentException("not a sequence");
            }
            return Optional.of(seq);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a sequence", e);
        }
    }

    @Override
    public Result<Permissionship> check(ObjectRef resource, String permission, SubjectRef subject,
                                        Optional<ConsistencyToken> atLeastAsFresh) {
        return targetToken(atLeastAsFresh).flatMap(token -> target.check(resource, permission, subject, token));
    }

    @Override
    public Result<CheckResult> checkWithContext(ObjectRef resource, String permission, SubjectRef subject,
                                                java.util.Map<String, Object> context,
                                                Optional<ConsistencyToken> atLeastAsFresh) {
        return targetToken(atLeastAsFresh).flatMap(token -> target.checkWithContext(resource, permission, subject,
                context, token));
    }

    @Override
    public Result<CursorPage<String>> lookupResources(String resourceType, String permission, SubjectRef subject,
                                                      Optional<String> cursor, int limit) {
        return target.lookupResources(resourceType, permission, subject, cursor, limit);
    }

    @Override
    public Result<CursorPage<FoundResource>> lookupResourcesWithContext(String resourceType, String permission,
                                                                       SubjectRef subject,
                                                                       java.util.Map<String, Object> context,
                                                                       Optional<String> cursor, int limit) {
        return target.lookupResourcesWithContext(resourceType, permission, subject, context, cursor, limit);
    }

    @Override
    public Result<FoundSubjects> lookupSubjects(ObjectRef resource, String permission, String subjectType,
                                                Optional<String> subjectRelation) {
        return target.lookupSubjects(resource, permission, subjectType, subjectRelation);
    }

    @Override
    public Result<FoundSubjects> lookupSubjectsWithContext(ObjectRef resource, String permission, String subjectType,
                                                           Optional<String> subjectRelation,
                                                           java.util.Map<String, Object> context) {
        return target.lookupSubjectsWithContext(resource, permission, subjectType, subjectRelation, context);
    }

    /** Validates and enqueues the batch in the caller's transaction; returns {@code outbox:<sequence>}. */
    @Override
    public Result<ConsistencyToken> write(List<RelationshipUpdate> updates) {
        if (updates == null || updates.isEmpty()) {
            return Result.fail(Failure.invalid("updates", "must change at least one relationship"));
        }
        if (updates.size() > MAX_BATCH) {
            return Result.fail(Failure.invalid("updates", "must change at most " + MAX_BATCH + " relationships"));
        }
        Set<Relationship.Key> seen = new HashSet<>();
        for (RelationshipUpdate u : updates) {
            if (!seen.add(u.relationship().key())) {
                return Result.fail(Reason.VALIDATION, "the batch updates " + u.relationship().key() + " more than once");
            }
            Optional<Failure> invalid = rules.flatMap(r -> r.validate(u));
            if (invalid.isPresent()) {
                return Result.fail(invalid.get());
            }
        }
        return Result.ok(token(outbox.enqueue(new RelationshipChange.Write(updates), clock.instant())));
    }

    /** Validates and enqueues the delete in the caller's transaction; returns {@code outbox:<sequence>}. */
    @Override
    public Result<ConsistencyToken> delete(RelationshipFilter filter) {
        if (filter.isUnrestricted()) {
            return Result.fail(Reason.VALIDATION, "a delete filter must name at least one field");
        }
        if (filter.subjectType().isEmpty() && (filter.subjectId().isPresent() || filter.subjectRelation().isPresent())) {
            return Result.fail(Failure.invalid("subjectType", "SpiceDB filters subjects by id or relation only "
                    + "together with their type"));
        }
        return Result.ok(token(outbox.enqueue(new RelationshipChange.Delete(filter), clock.instant())));
    }

    /** The token to give the target for the caller's token: an outbox token becomes its change's engine token. */
    private Result<Optional<ConsistencyToken>> targetToken(Optional<ConsistencyToken> given) {
        if (given.isEmpty()) {
            return Result.ok(Optional.empty());
        }
        Optional<Long> sequence;
        try {
            sequence = sequence(given.get());
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.invalid("consistency_token", "is not a token of the relationship outbox"));
        }
        if (sequence.isEmpty()) {
            return Result.ok(given);
        }
        Optional<OutboxEntry> entry = outbox.find(sequence.get());
        if (entry.isEmpty()) {
            return Result.fail(Failure.invalid("consistency_token", "names no relationship change: its transaction "
                    + "rolled back, it was purged, or it is not from this deployment"));
        }
        if (!entry.get().isRelayed()) {
            return Result.fail(Failure.of(Reason.UNAVAILABLE, "the relationship change " + given.get().value()
                            + " is not yet replicated to the authorization service; retry shortly")
                    .withDetail(AuthorizationFailures.CODE, AuthorizationFailures.NOT_YET_REPLICATED)
                    .withDetail("outbox_sequence", sequence.get()));
        }
        return Result.ok(entry.get().consistencyToken());
    }
}
