-- Quota leases of recorded usage (docs/adr/0039-usage-leases-and-group-commit.md). An instance
-- reserves a block of a counter's units (usage_counters.reserved, its own row in usage_leases),
-- grants from it in memory and stores many callers' records in one transaction, which moves their
-- units from the lease to usage_counters.used. Every grant keeps used + reserved <= the ceiling;
-- used stays the sum of the stored records. A lease whose holder stopped renewing it (expires_at
-- passed) is given back by any other instance that runs short. Every change locks the counter row
-- before the lease row.
ALTER TABLE usage_counters ADD COLUMN reserved bigint NOT NULL DEFAULT 0;
ALTER TABLE usage_counters ADD CONSTRAINT usage_counters_reserved_check CHECK (reserved >= 0);

CREATE TABLE usage_leases (
    organization_id uuid        NOT NULL,
    feature         text        COLLATE "C" NOT NULL,
    period_start    timestamptz NOT NULL,
    holder          text        COLLATE "C" NOT NULL,
    units           bigint      NOT NULL,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (organization_id, feature, period_start, holder),
    CONSTRAINT usage_leases_units_check CHECK (units >= 0)
);
