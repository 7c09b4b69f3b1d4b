package dev.gatehouse.core.authorization;

import java.util.List;
import java.util.Objects;

/**
 * A change of relationships held in the {@link RelationshipOutbox} until it is relayed to the
 * authorization engine: a batch of updates, or a delete by filter.
 */
public sealed interface RelationshipChange permits RelationshipChange.Write, RelationshipChange.Delete {

    /** A batch for {@link Authorizer#write}; never empty. */
    record Write(List<RelationshipUpdate> updates) implements RelationshipChange {
        public Write {
            updates = List.copyOf(updates);
            if (updates.isEmpty()) {
                throw new IllegalArgumentException("a write changes at least one relationship");
            }
        }
    }

    /** A delete for {@link Authorizer#delete}; never unrestricted. */
    record Delete(RelationshipFilter filter) implements RelationshipChange {
        public Delete {
            Objects.requireNonNull(filter, "filter");
            if (filter.isUnrestricted()) {
                throw new IllegalArgumentException("a delete filter names at least one field");
            }
        }
    }
}
