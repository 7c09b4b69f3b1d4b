-- Indexes so that lists do not grow with the size of the installation (ADR 0022).
--
-- The audit trail's time filters (since inclusive, until exclusive on occurred_at): a window in the
-- past is a range scan instead of a walk from the newest entry backwards, with or without an
-- organization.
CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at, id);
CREATE INDEX audit_events_organization_occurred_idx ON audit_events (organization_id, occurred_at, id);

-- User search (case-insensitive substring of email or name) through trigram indexes when the
-- pg_trgm extension can be created (it ships with PostgreSQL's contrib package and is trusted, so a
-- database owner may create it). Without it the migration still succeeds and search scans the
-- users table, as before; the query is the same either way.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%): user search scans the users table', SQLERRM;
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX users_email_trgm_idx ON users USING gin (email gin_trgm_ops);
        CREATE INDEX users_lower_name_trgm_idx ON users USING gin (lower(name) gin_trgm_ops);
    END IF;
END
$$;
