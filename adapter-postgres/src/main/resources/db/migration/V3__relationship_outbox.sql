-- Relationship changes for SpiceDB, written in the transaction of the domain change that caused them
-- and relayed afterwards (RelationshipRelay in core-domain), so that a SpiceDB outage loses nothing.
--
-- Entries are relayed strictly in seq order. Enqueuers take a transaction-level advisory lock
-- (pg_advisory_xact_lock, key below) before drawing their seq, so seq order is commit order: an
-- entry is never visible while one with a smaller seq may still commit. A relay claims only a run of
-- pending entries starting at the oldest pending one (SELECT … FOR UPDATE SKIP LOCKED, then "is the
-- first row I locked the true head?"), and leases it by moving next_attempt_at forward.
--
-- Advisory lock key of the enqueuers: 7451328133738950520 (the ASCII bytes of 'ghoutbox'; any
-- constant no other code uses would do). JdbcRelationshipOutbox.ENQUEUE_LOCK.

CREATE TABLE relationship_outbox (
    seq               bigserial   PRIMARY KEY,
    -- 'write': payload {"updates": [{"operation": "TOUCH", "relationship": "<SpiceDB text form>"}, …]}
    -- 'delete': payload {"filter": {"resource_type": …, "resource_id": …, "relation": …,
    --                               "subject_type": …, "subject_id": …, "subject_relation": …}}
    kind              text        NOT NULL,
    payload           jsonb       NOT NULL,
    created_at        timestamptz NOT NULL,
    -- failed relay attempts so far
    attempts          int         NOT NULL DEFAULT 0,
    -- due again at: creation, then a claim's lease end or a failure's backoff
    next_attempt_at   timestamptz NOT NULL,
    last_error        text,
    -- set together when SpiceDB accepted the change: its ZedToken, for reads "at least as fresh"
    relayed_at        timestamptz,
    consistency_token text,
    CONSTRAINT relationship_outbox_kind_check CHECK (kind IN ('write', 'delete')),
    CONSTRAINT relationship_outbox_attempts_check CHECK (attempts >= 0),
    CONSTRAINT relationship_outbox_relayed_check CHECK ((relayed_at IS NULL) = (consistency_token IS NULL))
);

-- The pending queue, in relay order: claims read its head, the lag gauge counts it. Partial, so it
-- stays as small as the backlog however many relayed entries the table keeps. Ordered by seq rather
-- than next_attempt_at because relaying is strictly in seq order: only the head's due time matters.
CREATE INDEX relationship_outbox_pending_idx
    ON relationship_outbox (seq) INCLUDE (next_attempt_at, created_at)
    WHERE relayed_at IS NULL;

-- Purging relayed entries by age.
CREATE INDEX relationship_outbox_relayed_idx
    ON relationship_outbox (relayed_at)
    WHERE relayed_at IS NOT NULL;
