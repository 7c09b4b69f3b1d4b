-- Entitlements (docs/adr/0011-entitlements.md). The plan catalog is data in a file, not here; an
-- organization's tier is organizations.tier, its subscription start (the anchor of reset periods)
-- organizations.created_at.
--
-- No foreign keys to organizations: counters and records are written on the hottest path, and an
-- organization is only ever soft-deleted (its rows stay for the audit trail anyway).

-- A platform admin's per-organization replacement of a plan allowance; usage_limit NULL is unlimited.
CREATE TABLE entitlement_overrides (
    organization_id uuid        NOT NULL,
    feature         text        COLLATE "C" NOT NULL,
    enabled         boolean     NOT NULL,
    usage_limit     bigint,
    period          text        NOT NULL,
    soft            boolean     NOT NULL,
    updated_at      timestamptz NOT NULL,
    updated_by      text        NOT NULL,
    PRIMARY KEY (organization_id, feature),
    CONSTRAINT entitlement_overrides_period_check CHECK (period IN ('none', 'day', 'week', 'month', 'year')),
    CONSTRAINT entitlement_overrides_limit_check CHECK (usage_limit IS NULL OR usage_limit >= 0)
);

-- One counter per organization, feature and period (period_start: the period's first instant; the
-- epoch for gauges and features that never reset). The check-and-count is one conditional upsert on
-- this row (JdbcUsageLedger), so a hard limit holds under any concurrency. notified_percent is the
-- highest threshold (80, 100) already announced for the period.
CREATE TABLE usage_counters (
    organization_id  uuid        NOT NULL,
    feature          text        COLLATE "C" NOT NULL,
    period_start     timestamptz NOT NULL,
    used             bigint      NOT NULL,
    notified_percent smallint    NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, feature, period_start),
    CONSTRAINT usage_counters_used_check CHECK (used >= 0)
);

-- Each recorded use, with the caller's metadata, committed together with the counter change.
CREATE TABLE usage_records (
    id              uuid        PRIMARY KEY,
    organization_id uuid        NOT NULL,
    feature         text        COLLATE "C" NOT NULL,
    quantity        bigint      NOT NULL,
    metadata        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    recorded_by     text        NOT NULL,
    recorded_at     timestamptz NOT NULL
);

CREATE INDEX usage_records_organization_feature_idx ON usage_records (organization_id, feature, recorded_at DESC);

-- Gauges of what exists already: members, live projects, keys that are not revoked.
INSERT INTO usage_counters (organization_id, feature, period_start, used)
SELECT organization_id, 'members', 'epoch'::timestamptz, count(*) FROM memberships GROUP BY organization_id;
INSERT INTO usage_counters (organization_id, feature, period_start, used)
SELECT organization_id, 'projects', 'epoch'::timestamptz, count(*) FROM projects WHERE deleted_at IS NULL GROUP BY organization_id;
INSERT INTO usage_counters (organization_id, feature, period_start, used)
SELECT organization_id, 'api_keys', 'epoch'::timestamptz, count(*) FROM api_keys WHERE status = 'active' GROUP BY organization_id;
