-- Custom roles and role assignments (issue 7). The authorization relationships they imply
-- (role:<id>#<permission>@user:*, role_binding:<ra>#subject@user:<usr>, …) live in relationships;
-- these tables are what the roles API lists.
--
-- Text that lists sort by is compared COLLATE "C" (code point order), as in V1.

CREATE TABLE roles (
    id              uuid        PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    name            text        COLLATE "C" NOT NULL,
    description     text        NOT NULL,
    -- catalog scopes ("projects:read"), in the catalog's order
    scopes          text[]      NOT NULL,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT roles_name_length CHECK (length(name) BETWEEN 1 AND 100)
);

-- A role's name is unique in its organization, ignoring case.
CREATE UNIQUE INDEX roles_organization_name_key ON roles (organization_id, lower(name));

CREATE TABLE role_assignments (
    id              uuid        PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    -- exactly one of: a custom role (its assignments go with it) or a built-in role's name
    role_id         uuid        REFERENCES roles (id) ON DELETE CASCADE,
    built_in        text,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    resource_type   text        NOT NULL,
    resource_id     text        COLLATE "C" NOT NULL,
    expires_at      timestamptz,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    CONSTRAINT role_assignments_one_role CHECK ((role_id IS NULL) <> (built_in IS NULL)),
    CONSTRAINT role_assignments_built_in_check CHECK (built_in IN ('admin', 'member', 'viewer', 'owner')),
    CONSTRAINT role_assignments_resource_type_check CHECK (resource_type IN ('organization', 'project', 'environment'))
);

-- One assignment per (role, user, resource).
CREATE UNIQUE INDEX role_assignments_unique_key
    ON role_assignments (COALESCE(role_id::text, built_in), user_id, resource_type, resource_id);
CREATE INDEX role_assignments_organization_created_idx ON role_assignments (organization_id, created_at DESC, id);
CREATE INDEX role_assignments_role_idx ON role_assignments (role_id) WHERE role_id IS NOT NULL;
CREATE INDEX role_assignments_user_idx ON role_assignments (user_id);
