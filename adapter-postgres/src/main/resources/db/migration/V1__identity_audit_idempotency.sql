-- Identity, audit trail, idempotency keys and the instance's signing keys.
--
-- Text that lists sort by is compared COLLATE "C" (code point order), so the order does not depend
-- on the server's locale and matches the in-memory stores; uuids compare as unsigned bytes, which is
-- also the memory stores' id order.

CREATE TABLE users (
    id             uuid        PRIMARY KEY,
    -- stored normalized (trimmed, lower-case) by the domain's Email value
    email          text        COLLATE "C" NOT NULL,
    name           text        NOT NULL,
    password_hash  text        NOT NULL,
    platform_admin boolean     NOT NULL DEFAULT false,
    status         text        NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_email_normalized CHECK (email = lower(email)),
    CONSTRAINT users_status_check CHECK (status IN ('active', 'deactivated'))
);

-- The list's default order (newest first, then id) and its other sort keys; email is served by
-- users_email_key. Search (case-insensitive contains on email or name) scans: the table is small.
CREATE INDEX users_created_at_idx ON users (created_at DESC, id);
CREATE INDEX users_updated_at_idx ON users (updated_at, id);
CREATE INDEX users_name_idx ON users ((name COLLATE "C"), id);
CREATE INDEX users_status_idx ON users (status, created_at DESC, id);

CREATE TABLE audit_events (
    -- UUIDv7: id order is time order, and the cursor of the newest-first list
    id              uuid        PRIMARY KEY,
    occurred_at     timestamptz NOT NULL,
    actor_type      text        NOT NULL,
    actor_id        text        NOT NULL,
    -- "C" so that the prefix filter (action=user.*) can use the index
    action          text        COLLATE "C" NOT NULL,
    resource_type   text        NOT NULL,
    resource_id     text,
    organization_id uuid,
    ip              text,
    user_agent      text,
    request_id      text,
    correlation_id  text,
    idempotency_key text,
    changes         jsonb       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX audit_events_organization_idx ON audit_events (organization_id, id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, id);
CREATE INDEX audit_events_action_idx ON audit_events (action, id);
CREATE INDEX audit_events_resource_id_idx ON audit_events (resource_id, id);
CREATE INDEX audit_events_resource_type_idx ON audit_events (resource_type, id);
CREATE INDEX audit_events_correlation_idx ON audit_events (correlation_id, id);

-- The trail is append-only: any UPDATE or DELETE statement fails, even one that matches no row.
-- TRUNCATE stays possible for an operator's deliberate retention job (and for tests).
CREATE FUNCTION audit_events_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER audit_events_append_only
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

CREATE TABLE idempotency_records (
    principal_id          text        NOT NULL,
    key                   text        NOT NULL,
    -- method, path and body digest of the request that claimed the key
    fingerprint           text        NOT NULL,
    -- null while the first request still runs
    response_status       int,
    response_content_type text,
    response_body         bytea,
    created_at            timestamptz NOT NULL,
    locked_until          timestamptz NOT NULL,
    expires_at            timestamptz NOT NULL,
    PRIMARY KEY (principal_id, key),
    CONSTRAINT idempotency_records_response_check
        CHECK (response_status IS NOT NULL OR (response_content_type IS NULL AND response_body IS NULL))
);

CREATE INDEX idempotency_records_expires_at_idx ON idempotency_records (expires_at);

CREATE TABLE signing_keys (
    id          uuid        PRIMARY KEY,
    algorithm   text        NOT NULL,
    -- X.509 SubjectPublicKeyInfo DER
    public_key  bytea       NOT NULL,
    -- PKCS#8 DER
    private_key bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    retired_at  timestamptz
);

CREATE INDEX signing_keys_created_at_idx ON signing_keys (created_at, id);
