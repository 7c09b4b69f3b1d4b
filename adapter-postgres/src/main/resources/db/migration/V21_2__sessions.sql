-- Users' sessions (issue 17): the id is the session token's jti; the token itself is never stored.
CREATE TABLE sessions (
    id             uuid        PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL,
    ip             text,
    user_agent     text,
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    -- logout, revoked, user_deactivated
    revoked_reason text
);

CREATE INDEX sessions_user_idx ON sessions (user_id, created_at DESC, id DESC);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
