-- The revision of the relationships comes from a sequence instead of one row that every change
-- locked and raised (ADR 0022): concurrent relationship writers no longer queue on that row.
-- Revisions stay distinct and increasing in the order writers take them; a change that rolls back
-- skips its number, and a revision may be handed out before an earlier one commits. A consistency
-- token is returned only once its change is written (and committed, for a caller outside a
-- transaction), so a read that asks for it still sees it.
CREATE SEQUENCE relationships_revision_seq AS bigint MINVALUE 1 START WITH 1;

-- Owned by the column it numbers, so that TRUNCATE relationships RESTART IDENTITY starts it over.
ALTER SEQUENCE relationships_revision_seq OWNED BY relationships.created_revision;

SELECT setval('relationships_revision_seq', greatest(revision, 1), revision > 0) FROM relationships_revision;

DROP TABLE relationships_revision;
