-- Open sign-up with email verification (ADR 0034). A user is verified from email_verified_at on;
-- users that existed before were created by platform admins or invitations, which prove the address.
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
UPDATE users SET email_verified_at = created_at;

-- A verification link: only the SHA-256 (hex) of its token is stored, with the name and password hash
-- of the sign-up it was mailed for (the account takes them when this link is used). Single use.
CREATE TABLE email_verifications (
    token_hash    text        PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES users (id),
    name          text        NOT NULL,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    used_at       timestamptz
);

CREATE INDEX email_verifications_expires_idx ON email_verifications (expires_at);

-- The mail retention purge: ended mail by the time it ended.
CREATE INDEX mail_outbox_ended_idx ON mail_outbox (updated_at) WHERE status IN ('sent', 'failed');
