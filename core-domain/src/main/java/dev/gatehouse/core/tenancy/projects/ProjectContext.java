package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.Quota;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the project use cases share: their ports and the relationship and access helpers, so that
 * every use case asks the same questions the same way.
 */
public record ProjectContext(Projects projects, Environments environments, Authorizer authorizer, Auditor auditor,
                             Events events, Transactions tx, Clock clock, IdGenerator ids,
                             Quota entitlements) {
    public ProjectContext {
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(environments, "environments");
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(auditor, "auditor");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(entitlements, "entitlements");
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

    AccessControl access() {
        return new AccessControl(authorizer);
    }

    /**
     * The active project, if the caller may do {@code permission} on it: a missing or soft-deleted
     * project is not found, exactly like one of another tenant.
     */
    Result<Project> activeProject(Caller caller, ProjectId id, String permission) {
        var project = projects.byId(id).filter(p -> !p.deleted());
        if (project.isEmpty()) {
            return Result.fail(Failure.notFound("Project"));
        }
        return access().require(caller, ref(id), permission, "projects_read", "Project")
                .<Result<Project>>map(Result::fail)
                .orElseGet(() -> Result.ok(project.get()));
    }

    /** The relationships an environment needs: its project, and the production wildcards for production. */
    static List<RelationshipUpdate> relationshipsOf(Environment e) {
        List<RelationshipUpdate> out = new ArrayList<>();
        out.add(RelationshipUpdate.touch(Relationship.of(ref(e.id()), "project", SubjectRef.of(ref(e.projectId())))));
        if (e.kind() == EnvironmentKind.PRODUCTION) {
            out.add(RelationshipUpdate.touch(Relationship.of(ref(e.id()), "production", SubjectRef.wildcard("user"))));
            out.add(RelationshipUpdate.touch(Relationship.of(ref(e.id()), "production", SubjectRef.wildcard("api_key"))));
        }
        return out;
    }
}
