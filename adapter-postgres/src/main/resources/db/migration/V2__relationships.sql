-- The relationships of the local authorizer (SpiceDB's data model): resource#relation@subject,
-- optionally expiring, and the revision counter that serves as the consistency token.
--
-- Identifiers are compared COLLATE "C" (byte-wise equality, cheapest btree), like the memory store's
-- String.equals.

CREATE TABLE relationships (
    resource_type    text        COLLATE "C" NOT NULL,
    resource_id      text        COLLATE "C" NOT NULL,
    relation         text        COLLATE "C" NOT NULL,
    subject_type     text        COLLATE "C" NOT NULL,
    -- '*' for a wildcard subject (user:*)
    subject_id       text        COLLATE "C" NOT NULL,
    -- '...' (SubjectRef.ELLIPSIS, SpiceDB's ellipsis) when the subject is a plain object, never null
    -- or empty, so that the primary key covers it and a filter on '...' selects plain subjects
    subject_relation text        COLLATE "C" NOT NULL,
    -- null: never expires. Stored and returned like any other; the evaluator ignores expired ones.
    expires_at       timestamptz,
    -- the revision of the batch that created it, and its index in that batch: the memory store's
    -- insertion order, kept by TOUCH (which only replaces expires_at)
    created_revision bigint      NOT NULL,
    created_position int         NOT NULL,
    -- the identity of a relationship leaves the expiration out (Relationship.Key); its prefix
    -- (resource_type, resource_id, relation) serves the forward lookup (subjectsOf, check)
    PRIMARY KEY (resource_type, resource_id, relation, subject_type, subject_id, subject_relation),
    CONSTRAINT relationships_subject_relation_check CHECK (subject_relation <> ''),
    CONSTRAINT relationships_wildcard_check CHECK (subject_id <> '*' OR subject_relation = '...')
);

-- The reverse lookup (relatedTo, lookup-resources): by subject object, optionally its relation.
CREATE INDEX relationships_subject_idx
    ON relationships (subject_type, subject_id, subject_relation, resource_type, relation);

-- One row: the revision of the last change (0 before any). Every write locks it first and raises it
-- in the same transaction, so writers are serialized, each commits a distinct, greater revision, and
-- a revision is never visible before everything it contains (unlike a sequence, whose numbers are
-- handed out in start order, not commit order, and are not rolled back).
CREATE TABLE relationships_revision (
    id       boolean PRIMARY KEY DEFAULT true,
    revision bigint  NOT NULL,
    CONSTRAINT relationships_revision_single_row CHECK (id),
    CONSTRAINT relationships_revision_not_negative CHECK (revision >= 0)
);

INSERT INTO relationships_revision (id, revision) VALUES (true, 0);
