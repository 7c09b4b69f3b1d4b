-- Retention of the audit trail (GATEHOUSE_AUDIT_RETENTION_DAYS): the trail stays append-only for
-- every statement but the retention purge's DELETE, which runs with gatehouse.audit_purge set for its
-- own transaction only (SET LOCAL). UPDATE is still refused, always.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('gatehouse.audit_purge', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;
