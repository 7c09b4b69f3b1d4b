package dev.gatehouse.postgres;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.SubjectRef;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The row mapper of {@code relationships} (a null {@code expires_at} never expires). */
final class RelationshipRows {
    private RelationshipRows() {
    }

    static Relationship map(ResultSet rs) throws SQLException {
        return new Relationship(new ObjectRef(rs.getString("resource_type"), rs.getString("resource_id")),
                rs.getString("relation"),
                new SubjectRef(rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("subject_relation")),
                Optional.ofNullable(Sql.instant(rs, "expires_at")));
    }
}
