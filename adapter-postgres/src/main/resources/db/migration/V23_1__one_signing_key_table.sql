-- One signing-key model (ADR 31): the instance's session-token keys and the projects' access-token
-- keys live in one table, signing_keys. A project key names its project; an instance key has no
-- project_id. Every row of project_signing_keys moves over with its id (the JWK kid), key material,
-- creation and retirement, so tokens signed before this migration keep verifying; then the old
-- table goes. Instance rows written before V9 keep their plain PKCS#8 private key (first byte 0x30);
-- every other private key is SecretSealer output bound to the row's id, which does not change.

ALTER TABLE signing_keys ADD COLUMN project_id uuid REFERENCES projects (id) ON DELETE CASCADE;

INSERT INTO signing_keys (id, project_id, algorithm, public_key, private_key, created_at, retired_at)
SELECT id, project_id, algorithm, public_key, private_key_sealed, created_at, retired_at
FROM project_signing_keys;

DROP TABLE project_signing_keys;

ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_algorithm_check CHECK (algorithm IN ('EdDSA', 'ES256'));

-- Exactly one active key per project, whatever the writers do (the instance may have several: one
-- per master key in use). Instance rows have a null project_id and never collide here.
CREATE UNIQUE INDEX signing_keys_one_active_per_project ON signing_keys (project_id) WHERE retired_at IS NULL;
CREATE INDEX signing_keys_project_idx ON signing_keys (project_id, created_at, id);

COMMENT ON COLUMN signing_keys.project_id IS 'The owning project; null for the instance''s session-token keys';
COMMENT ON COLUMN signing_keys.private_key IS 'SecretSealer output over PKCS#8 DER (context: the id); plain PKCS#8 DER in instance rows written before V9';
