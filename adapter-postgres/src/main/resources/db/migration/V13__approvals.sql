-- Just-in-time access (docs/adr/0015-access-requests.md): approval workflows, the policies that admit
-- requests, and the requests themselves. A request copies its workflow's stages (stages jsonb) so that
-- editing a workflow never changes requests under way; its votes are the decisions jsonb array,
-- changed only under the row lock (SELECT … FOR UPDATE), so votes, cancellation, revocation and expiry
-- of one request run one after the other.
--
-- No foreign keys to organizations (only ever soft-deleted). Policies reference their workflow: a
-- workflow in use cannot be deleted.

CREATE TABLE approval_workflows (
    id              uuid        PRIMARY KEY,
    organization_id uuid        NOT NULL,
    name            text        NOT NULL,
    description     text,
    stages          jsonb       NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX approval_workflows_organization ON approval_workflows (organization_id, created_at, id);

CREATE TABLE approval_policies (
    id                   uuid        PRIMARY KEY,
    organization_id      uuid        NOT NULL,
    name                 text        NOT NULL,
    resource_type        text,
    environment_kind     text,
    requested_role       text,
    requested_permission text,
    workflow_id          uuid        REFERENCES approval_workflows (id),
    max_duration_seconds bigint      NOT NULL,
    reason_required      boolean     NOT NULL,
    pending_ttl_seconds  bigint      NOT NULL,
    auto_approve         boolean     NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    CONSTRAINT approval_policies_resource_type_check
        CHECK (resource_type IS NULL OR resource_type IN ('organization', 'project', 'environment')),
    CONSTRAINT approval_policies_environment_kind_check
        CHECK (environment_kind IS NULL OR environment_kind IN ('production', 'staging', 'development'))
);
CREATE INDEX approval_policies_organization ON approval_policies (organization_id, created_at, id);
CREATE INDEX approval_policies_workflow ON approval_policies (workflow_id);

CREATE TABLE access_requests (
    id                    uuid        PRIMARY KEY,
    organization_id       uuid        NOT NULL,
    requester_id          uuid        NOT NULL,
    resource_type         text        NOT NULL,
    resource_id           text        COLLATE "C" NOT NULL,
    environment_kind      text,
    requested_role        text,
    requested_permission  text,
    duration_seconds      bigint      NOT NULL,
    reason                text,
    policy_id             uuid        NOT NULL,
    workflow_id           uuid,
    stages                jsonb       NOT NULL,
    decisions             jsonb       NOT NULL,
    status                text        NOT NULL,
    stage                 integer,
    pending_expires_at    timestamptz,
    decided_at            timestamptz,
    decided_by            text,
    grant_expires_at      timestamptz,
    revoked_at            timestamptz,
    revoked_by            text,
    grant_expiry_recorded boolean     NOT NULL DEFAULT false,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    CONSTRAINT access_requests_status_check
        CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled', 'expired')),
    CONSTRAINT access_requests_access_check CHECK ((requested_role IS NULL) <> (requested_permission IS NULL))
);
CREATE INDEX access_requests_organization ON access_requests (organization_id, created_at DESC, id);
CREATE INDEX access_requests_requester ON access_requests (requester_id, resource_type, resource_id);
CREATE INDEX access_requests_pending_due ON access_requests (pending_expires_at) WHERE status = 'pending';
CREATE INDEX access_requests_grant_due ON access_requests (grant_expires_at)
    WHERE status = 'approved' AND revoked_at IS NULL AND NOT grant_expiry_recorded;
