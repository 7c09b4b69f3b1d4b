-- API keys. The secret is never stored: key_hash is the SHA-256 (hex) of the full key, the
-- look-up key for verification and bearer authentication; prefix is its first characters for
-- display. An organization-wide key has neither project nor environment. Keys go with their
-- project when it is purged (the use case deletes them and their relationships first; the
-- cascade backs it up).

CREATE TABLE api_keys (
    id              uuid        PRIMARY KEY,
    organization_id uuid        NOT NULL,
    project_id      uuid        REFERENCES projects (id) ON DELETE CASCADE,
    environment_id  uuid        REFERENCES environments (id) ON DELETE CASCADE,
    name            text        NOT NULL,
    scopes          text[]      NOT NULL,
    key_hash        text        NOT NULL,
    prefix          text        NOT NULL,
    expires_at      timestamptz,
    rate_limit_tier text,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    last_used_at    timestamptz,
    status          text        NOT NULL,
    revoked_at      timestamptz,
    CONSTRAINT api_keys_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
    CONSTRAINT api_keys_status_check CHECK (status IN ('active', 'revoked', 'expired', 'rotating')),
    CONSTRAINT api_keys_owner_check CHECK ((project_id IS NULL) = (environment_id IS NULL)),
    CONSTRAINT api_keys_hash_shape CHECK (key_hash ~ '^[0-9a-f]{64}$')
);

CREATE UNIQUE INDEX api_keys_hash_key ON api_keys (key_hash);
CREATE INDEX api_keys_organization_created_idx ON api_keys (organization_id, created_at DESC, id) WHERE project_id IS NULL;
CREATE INDEX api_keys_project_created_idx ON api_keys (project_id, created_at DESC, id) WHERE project_id IS NOT NULL;
