-- The transactional outbox of domain events (organization.created, project.deleted, ...): written in
-- the same transaction as the change, read in id order (UUIDv7: time order) by the webhook relay.
CREATE TABLE domain_events (
    id              uuid        PRIMARY KEY,
    type            text        NOT NULL,
    organization_id uuid,
    occurred_at     timestamptz NOT NULL,
    data            jsonb       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX domain_events_organization_idx ON domain_events (organization_id, id);
