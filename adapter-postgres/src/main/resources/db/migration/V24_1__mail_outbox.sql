-- The transactional mail outbox (ADR 0029): a mail is enqueued in the transaction of the change it
-- announces and delivered after commit by a dispatcher on any instance. Subject, text and HTML are
-- stored only sealed with the master key (AES-256-GCM, the mail's id as associated data): the links
-- they carry (invitations, email verification) are never in clear in the database.
CREATE TABLE mail_outbox (
    id              uuid        PRIMARY KEY,
    -- invitation, email_verification, api_key_expiring, access_request_pending, access_request_decided
    kind            text        NOT NULL,
    recipient       text        NOT NULL,
    sealed          bytea       NOT NULL,
    -- pending, retrying, sent, failed
    status          text        NOT NULL CHECK (status IN ('pending', 'retrying', 'sent', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    -- the transport that took it: smtp, log
    via             text
);

-- What the dispatchers claim: open mail by due time.
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE status IN ('pending', 'retrying');
-- The admin list, filtered by recipient.
CREATE INDEX mail_outbox_recipient_idx ON mail_outbox (lower(recipient), id DESC);
