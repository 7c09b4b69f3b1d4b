-- Per-project signing keys for access tokens (API key → JWT exchange). The private key is never
-- stored in clear: private_key_sealed is AES-256-GCM under the instance's master key
-- (SecretSealer: version, key check, nonce, ciphertext, tag), bound to the row's id as additional
-- data. A key is active while retired_at is null; a retired key stays published in the project's
-- JWKS for the longest token lifetime plus leeway (decided by the domain), and its row stays until
-- the project is purged (the use case deletes the rows; the cascade backs it up).
-- V9, not V8: V8 belongs to another change; Flyway accepts the gap.

CREATE TABLE project_signing_keys (
    id                 uuid        PRIMARY KEY,
    project_id         uuid        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    algorithm          text        NOT NULL,
    -- X.509 SubjectPublicKeyInfo DER
    public_key         bytea       NOT NULL,
    -- SecretSealer output over the PKCS#8 DER private key
    private_key_sealed bytea       NOT NULL,
    created_at         timestamptz NOT NULL,
    retired_at         timestamptz,
    CONSTRAINT project_signing_keys_algorithm_check CHECK (algorithm IN ('EdDSA', 'ES256'))
);

-- Exactly one active key per project, whatever the writers do.
CREATE UNIQUE INDEX project_signing_keys_one_active ON project_signing_keys (project_id) WHERE retired_at IS NULL;
CREATE INDEX project_signing_keys_project_idx ON project_signing_keys (project_id, created_at, id);

-- The instance's session signing keys are sealed the same way from now on (context: the key id);
-- rows written before stay plain PKCS#8 DER (first byte 0x30) and are still read.
COMMENT ON COLUMN signing_keys.private_key IS 'SecretSealer output over PKCS#8 DER; plain PKCS#8 DER in rows written before V9';
