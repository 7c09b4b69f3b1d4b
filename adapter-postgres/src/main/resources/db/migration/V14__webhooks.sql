-- Webhooks. Endpoints belong to an organization; the signing secret is sealed (AES-256-GCM under
-- the master key, the endpoint id as associated data), the previous one too during a rotation's
-- grace period. Deliveries are one event for one endpoint, with the exact body sent and the last
-- attempt's outcome; dispatchers claim due ones with FOR UPDATE SKIP LOCKED and a lease.

CREATE TABLE webhook_endpoints (
    id                     uuid        PRIMARY KEY,
    organization_id        uuid        NOT NULL,
    url                    text        NOT NULL,
    events                 text[]      NOT NULL,
    description            text,
    active                 boolean     NOT NULL,
    secret_sealed          bytea       NOT NULL,
    previous_secret_sealed bytea,
    previous_secret_until  timestamptz,
    disabled_reason        text,
    failing_since          timestamptz,
    success_count          bigint      NOT NULL DEFAULT 0,
    failure_count          bigint      NOT NULL DEFAULT 0,
    consecutive_failures   integer     NOT NULL DEFAULT 0,
    last_delivery_at       timestamptz,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    CONSTRAINT webhook_endpoints_url_length CHECK (char_length(url) BETWEEN 1 AND 2048)
);

CREATE INDEX webhook_endpoints_organization_idx ON webhook_endpoints (organization_id, created_at DESC, id);

CREATE TABLE webhook_deliveries (
    id               uuid        PRIMARY KEY,
    endpoint_id      uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    organization_id  uuid        NOT NULL,
    event_id         uuid        NOT NULL,
    event_type       text        NOT NULL,
    message_id       text        NOT NULL,
    payload          text        NOT NULL,
    status           text        NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    lease_until      timestamptz,
    response_code    integer,
    duration_ms      bigint,
    response_excerpt text,
    error            text,
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT webhook_deliveries_status_check CHECK (status IN ('pending', 'retrying', 'success', 'failed'))
);

CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, id DESC);
-- What the dispatchers scan: only deliveries still to attempt.
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status IN ('pending', 'retrying');

-- Fan-out bookkeeping: an event is claimed (FOR UPDATE SKIP LOCKED) and marked in the transaction
-- that adds its deliveries. Events written before this migration need no fan-out (no endpoint
-- existed).
ALTER TABLE domain_events ADD COLUMN fanned_out_at timestamptz;
UPDATE domain_events SET fanned_out_at = now();
CREATE INDEX domain_events_fan_out_idx ON domain_events (id) WHERE fanned_out_at IS NULL;
CREATE INDEX domain_events_occurred_idx ON domain_events (organization_id, occurred_at);

-- Wake the dispatchers when an event commits (NOTIFY is delivered at commit, once per transaction).
CREATE FUNCTION gatehouse_webhooks_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gatehouse_webhooks', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER domain_events_wake_webhooks AFTER INSERT ON domain_events
    FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_webhooks_wake();
