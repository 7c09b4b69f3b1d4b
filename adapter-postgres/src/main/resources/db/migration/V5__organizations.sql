-- Tenancy: organizations (soft delete), memberships with a built-in role, invitations by email.
--
-- Text that lists sort by is compared COLLATE "C" (code point order), as in V1, so orders match the
-- memory stores whatever the server's locale.

CREATE TABLE organizations (
    id         uuid        PRIMARY KEY,
    name       text        COLLATE "C" NOT NULL,
    slug       text        COLLATE "C" NOT NULL,
    tier       text        NOT NULL DEFAULT 'free',
    timezone   text        NOT NULL,
    locale     text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    -- soft delete: the row stays for the audit trail; readers never see it and its slug is free again
    deleted_at timestamptz,
    CONSTRAINT organizations_slug_shape CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 63)
);

-- Slugs are unique among the organizations that are not deleted.
CREATE UNIQUE INDEX organizations_live_slug_key ON organizations (slug) WHERE deleted_at IS NULL;
CREATE INDEX organizations_created_at_idx ON organizations (created_at DESC, id) WHERE deleted_at IS NULL;
CREATE INDEX organizations_name_idx ON organizations (name, id) WHERE deleted_at IS NULL;

CREATE TABLE memberships (
    id              uuid        PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            text        COLLATE "C" NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT memberships_organization_user_key UNIQUE (organization_id, user_id),
    CONSTRAINT memberships_role_check CHECK (role IN ('owner', 'admin', 'member', 'viewer'))
);

CREATE INDEX memberships_organization_created_idx ON memberships (organization_id, created_at, id);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE invitations (
    id              uuid        PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    -- normalized (trimmed, lower-case) by the domain's Email value
    email           text        COLLATE "C" NOT NULL,
    role            text        NOT NULL,
    -- SHA-256 of the token, hex; the token itself is never stored
    token_hash      text        NOT NULL,
    invited_by      uuid,
    -- pending, accepted or revoked; "expired" is a pending invitation past expires_at
    status          text        NOT NULL,
    accepted_by     uuid,
    accepted_at     timestamptz,
    revoked_at      timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    sent_at         timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    CONSTRAINT invitations_token_hash_key UNIQUE (token_hash),
    CONSTRAINT invitations_role_check CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
    CONSTRAINT invitations_status_check CHECK (
        (status = 'pending' AND accepted_by IS NULL AND accepted_at IS NULL AND revoked_at IS NULL)
        OR (status = 'accepted' AND accepted_by IS NOT NULL AND accepted_at IS NOT NULL AND revoked_at IS NULL)
        OR (status = 'revoked' AND revoked_at IS NOT NULL AND accepted_at IS NULL))
);

CREATE INDEX invitations_organization_created_idx ON invitations (organization_id, created_at DESC, id);
