package dev.gatehouse.postgres;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipCaveat;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.JsonParser;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The row mapper of {@code relationships} (a null {@code expires_at} never expires; a null {@code caveat_name} is no caveat). */
final class RelationshipRows {
    private RelationshipRows() {
    }

    static Relationship map(ResultSet rs) throws SQLException {
        return new Relationship(new ObjectRef(rs.getString("resource_type"), rs.getString("resource_id")),
                rs.getString("relation"),
                new SubjectRef(rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("subject_relation")),
                Optional.ofNullable(Sql.instant(rs, "expires_at")), caveat(rs));
    }

    static Optional<RelationshipCaveat> caveat(ResultSet rs) throws SQLException {
        String name = rs.getString("caveat_name");
        return name == null ? Optional.empty()
                : Optional.of(new RelationshipCaveat(name, JsonParser.parseObject(rs.getString("caveat_context"))));
    }
}
