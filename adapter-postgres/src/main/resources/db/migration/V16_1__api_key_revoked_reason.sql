-- Lifecycle cascades (ADR 0018). A revoked key says why: 'manual' (DELETE /api/v1/api-keys/{id}) or the
-- cascade that revoked it ('organization_deleted', 'project_deleted', 'environment_deleted').
-- Deleting an environment revokes its keys and keeps them listed, so the key rows no longer go with the
-- environment row; they still go with their project when it is purged (project_id's cascade).

ALTER TABLE api_keys ADD COLUMN revoked_reason text;
UPDATE api_keys SET revoked_reason = 'manual' WHERE status = 'revoked';
ALTER TABLE api_keys
    ADD CONSTRAINT api_keys_revoked_reason_check CHECK ((status = 'revoked') = (revoked_reason IS NOT NULL)),
    DROP CONSTRAINT api_keys_environment_id_fkey;

-- The cascades' look-ups of the keys that still work in an organization or an environment (a project's
-- use api_keys_project_created_idx).
CREATE INDEX api_keys_organization_live_idx ON api_keys (organization_id) WHERE status IN ('active', 'rotating');
CREATE INDEX api_keys_environment_live_idx ON api_keys (environment_id) WHERE status IN ('active', 'rotating');
