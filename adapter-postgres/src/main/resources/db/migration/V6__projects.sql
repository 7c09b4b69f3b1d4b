-- Projects of organizations and their environments.
--
-- A soft-deleted project keeps its row (deleted_at set) until the purge job removes it 30 days
-- later; its environments go with it (ON DELETE CASCADE backs up the use case, which deletes them
-- first together with their relationships). organization_id has no foreign key: organizations live
-- in their own migration and the authorization relationships are the source of membership.

CREATE TABLE projects (
    id              uuid        PRIMARY KEY,
    organization_id uuid        NOT NULL,
    name            text        NOT NULL,
    description     text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    deleted_at      timestamptz,
    CONSTRAINT projects_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
    CONSTRAINT projects_description_length CHECK (description IS NULL OR char_length(description) <= 1000)
);

-- Lists: an organization's active projects newest first (the common case), and the other sort keys.
-- Lists by readable ids use the primary key and then sort the (small) set.
CREATE INDEX projects_organization_created_idx ON projects (organization_id, created_at DESC, id)
    WHERE deleted_at IS NULL;
CREATE INDEX projects_created_at_idx ON projects (created_at DESC, id);
CREATE INDEX projects_updated_at_idx ON projects (updated_at, id);
CREATE INDEX projects_name_idx ON projects ((name COLLATE "C"), id);
-- Search is a case-insensitive substring match on name and description, applied after the
-- organization/readable-ids filter; this expression index serves prefix-anchored lookups of names.
CREATE INDEX projects_lower_name_idx ON projects (organization_id, lower(name) text_pattern_ops);
-- The purge job's question: soft-deleted projects, oldest deletion first.
CREATE INDEX projects_deleted_at_idx ON projects (deleted_at, id) WHERE deleted_at IS NOT NULL;

CREATE TABLE environments (
    id              uuid        PRIMARY KEY,
    project_id      uuid        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    organization_id uuid        NOT NULL,
    name            text        NOT NULL,
    kind            text        NOT NULL,
    created_at      timestamptz NOT NULL,
    CONSTRAINT environments_kind_check CHECK (kind IN ('production', 'staging', 'development'))
);

-- Names are unique within a project, ignoring case.
CREATE UNIQUE INDEX environments_project_name_key ON environments (project_id, lower(name));
CREATE INDEX environments_project_created_idx ON environments (project_id, created_at, (name COLLATE "C"));
