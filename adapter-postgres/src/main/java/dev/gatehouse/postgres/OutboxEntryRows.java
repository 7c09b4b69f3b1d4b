package dev.gatehouse.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.OutboxEntry;
import dev.gatehouse.core.authorization.RelationshipChange;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipText;
import dev.gatehouse.core.authorization.RelationshipUpdate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The row mapper of {@code relationship_outbox}, and the jsonb form of a change: relationships in
 * SpiceDB's text form ({@link RelationshipText}), a delete filter field by field.
 */
final class OutboxEntryRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutboxEntryRows() {
    }

    /** The entry in a row selected with {@code JdbcRelationshipOutbox.COLUMNS} (the payload as text). */
    static OutboxEntry map(ResultSet rs) throws SQLException {
        Instant relayedAt = Sql.instant(rs, "relayed_at");
        String token = rs.getString("consistency_token");
        return new OutboxEntry(rs.getLong("seq"), change(rs.getString("kind"), rs.getString("payload")),
                Sql.instant(rs, "created_at"), rs.getInt("attempts"), Sql.instant(rs, "next_attempt_at"),
                Optional.ofNullable(rs.getString("last_error")), Optional.ofNullable(relayedAt),
                Optional.ofNullable(token).map(ConsistencyToken::new));
    }

    static String payload(RelationshipChange change) {
        ObjectNode root = JSON.createObjectNode();
        if (change instanceof RelationshipChange.Write w) {
            ArrayNode updates = root.putArray("updates");
            for (RelationshipUpdate u : w.updates()) {
                updates.addObject()
                        .put("operation", u.operation().name())
                        .put("relationship", u.relationship().toString());
            }
        } else {
            RelationshipFilter f = ((RelationshipChange.Delete) change).filter();
            ObjectNode filter = root.putObject("filter");
            f.resourceType().ifPresent(v -> filter.put("resource_type", v));
            f.resourceId().ifPresent(v -> filter.put("resource_id", v));
            f.relation().ifPresent(v -> filter.put("relation", v));
            f.subjectType().ifPresent(v -> filter.put("subject_type", v));
            f.subjectId().ifPresent(v -> filter.put("subject_id", v));
            f.subjectRelation().ifPresent(v -> filter.put("subject_relation", v));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an outbox change", e);
        }
    }

    static RelationshipChange change(String kind, String payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("relationship_outbox holds a payload that is not JSON", e);
        }
        switch (kind) {
            case "write" -> {
                List<RelationshipUpdate> updates = new ArrayList<>();
                for (JsonNode u : root.path("updates")) {
                    updates.add(new RelationshipUpdate(RelationshipUpdate.Operation.valueOf(u.path("operation").asText()),
                            RelationshipText.parse(u.path("relationship").asText()).relationship()));
                }
                return new RelationshipChange.Write(updates);
            }
            case "delete" -> {
                JsonNode f = root.path("filter");
                RelationshipFilter filter = RelationshipFilter.any();
                filter = with(f, "resource_type", filter, filter::withResourceType);
                filter = with(f, "resource_id", filter, filter::withResourceId);
                filter = with(f, "relation", filter, filter::withRelation);
                filter = with(f, "subject_type", filter, filter::withSubjectType);
                filter = with(f, "subject_id", filter, filter::withSubjectId);
                filter = with(f, "subject_relation", filter, filter::withSubjectRelation);
                return new RelationshipChange.Delete(filter);
            }
            default -> throw new IllegalStateException("relationship_outbox holds an unknown kind: " + kind);
        }
    }

    private static RelationshipFilter with(JsonNode f, String field, RelationshipFilter current,
                                           Function<String, RelationshipFilter> set) {
        return f.hasNonNull(field) ? set.apply(f.get(field).asText()) : current;
    }
}
