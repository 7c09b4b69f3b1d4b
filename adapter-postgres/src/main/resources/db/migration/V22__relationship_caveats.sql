-- SpiceDB caveats on relationships (ADR 0024): a relationship may hold only under a caveat, named
-- here with the context it was written with. The context is kept as the JSON text that was written
-- (an object; '{}' when none), read back by the core's JSON reader, so numbers and key order come
-- back exactly. Caveat and context are not part of the relationship's identity: a TOUCH replaces
-- them, like expires_at.
ALTER TABLE relationships
    ADD COLUMN caveat_name    text COLLATE "C",
    ADD COLUMN caveat_context text,
    ADD CONSTRAINT relationships_caveat_context_with_name
        CHECK ((caveat_name IS NULL) = (caveat_context IS NULL));
