-- API key rotation and lifecycle. A rotated key keeps working until rotation_ends_at (never past
-- its own expiry) as 'rotating', then the lifecycle job stores it as 'expired'; replaced_by names
-- its successor (no foreign key: a purge removes both). expiry_warnings counts the api_key.expiring
-- events sent (7 days, then 1 day before expires_at), so each is sent once.

ALTER TABLE api_keys
    ADD COLUMN rotation_ends_at timestamptz,
    ADD COLUMN replaced_by      uuid,
    ADD COLUMN expiry_warnings  smallint NOT NULL DEFAULT 0,
    ADD CONSTRAINT api_keys_rotation_check CHECK (status <> 'rotating' OR (rotation_ends_at IS NOT NULL AND replaced_by IS NOT NULL)),
    ADD CONSTRAINT api_keys_expiry_warnings_check CHECK (expiry_warnings BETWEEN 0 AND 2);

-- The lifecycle job's scan: keys that can still expire.
CREATE INDEX api_keys_lifecycle_idx ON api_keys (least(expires_at, rotation_ends_at))
    WHERE status IN ('active', 'rotating') AND (expires_at IS NOT NULL OR rotation_ends_at IS NOT NULL);
