package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The relationships projects and environments live by, written and deleted in the use case's
 * transaction: {@code project#organization}, {@code environment#project}, and for production
 * environments the {@code environment#production} wildcards of users and API keys.
 */
public record ProjectRelationships(Authorizer authorizer) {
    public ProjectRelationships {
        Objects.requireNonNull(authorizer, "authorizer");
    }

    static ObjectRef ref(OrganizationId id) {
        return new ObjectRef("organization", id.text());
    }

    static ObjectRef ref(ProjectId id) {
        return new ObjectRef("project", id.text());
    }

    static ObjectRef ref(EnvironmentId id) {
        return new ObjectRef("environment", id.text());
    }

    /** A new project's relationships: its organization, and those of each of its environments. */
    public Result<ConsistencyToken> created(Project project, List<Environment> environments) {
        List<RelationshipUpdate> updates = new ArrayList<>();
        updates.add(RelationshipUpdate.touch(Relationship.of(ref(project.id()), "organization",
                SubjectRef.of(ref(project.organizationId())))));
        environments.forEach(e -> updates.addAll(of(e)));
        return authorizer.write(updates);
    }

    /** A new environment's relationships. */
    public Result<ConsistencyToken> created(Environment environment) {
        return authorizer.write(of(environment));
    }

    /** Every relationship of the environment as a resource. */
    public Result<ConsistencyToken> removed(EnvironmentId id) {
        return authorizer.delete(RelationshipFilter.ofResource(ref(id)));
    }

    /** Every relationship of the project as a resource (its environments' go with {@link #removed(EnvironmentId)}). */
    public Result<ConsistencyToken> removed(ProjectId id) {
        return authorizer.delete(RelationshipFilter.ofResource(ref(id)));
    }

    /** The relationships an environment needs: its project, and the production wildcards for production. */
    static List<RelationshipUpdate> of(Environment e) {
        List<RelationshipUpdate> out = new ArrayList<>();
        out.add(RelationshipUpdate.touch(Relationship.of(ref(e.id()), "project", SubjectRef.of(ref(e.projectId())))));
        if (e.kind() == EnvironmentKind.PRODUCTION) {
            out.add(RelationshipUpdate.touch(Relationship.of(ref(e.id()), "production", SubjectRef.wildcard("user"))));
            out.add(RelationshipUpdate.touch(Relationship.of(ref(e.id()), "production", SubjectRef.wildcard("api_key"))));
        }
        return out;
    }
}
