package dev.gatehouse.core.approvals;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.Role;
import dev.gatehouse.core.tenancy.projects.EnvironmentKind;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/** What the approval use cases share: their ports and the helpers for resources, approvers and grants. */
public record ApprovalContext(AccessRequests requests, AccessPolicies policies, Workflows workflows,
                              Organizations organizations, Projects projects, Environments environments,
                              Authorizer authorizer, Auditor auditor, Events events, Transactions tx, Clock clock,
                              IdGenerator ids) {
    public ApprovalContext {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(workflows, "workflows");
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(environments, "environments");
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(auditor, "auditor");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
    }

    public static final List<String> RESOURCE_TYPES = List.of("organization", "project", "environment");

    AccessControl access() {
        return new AccessControl(authorizer);
    }

    /** A live resource a request may name: its reference, organization and (environments) kind. */
    record Target(ObjectRef ref, OrganizationId organization, EnvironmentKind kind, String viewPermission, String what) {
    }

    /** Resolves {@code type}/{@code id}; unknown, deleted or malformed → not found. */
    Result<Target> target(String type, String id) {
        if (type == null || !RESOURCE_TYPES.contains(type)) {
            return Result.fail(Failure.invalid("resource_type", "must be one of: organization, project, environment"));
        }
        if (id == null || id.isBlank()) {
            return Result.fail(Failure.invalid("resource_id", "is required"));
        }
        switch (type) {
            case "organization" -> {
                return OrganizationId.parse(id).flatMap(o -> organizations.byId(o)).filter(o -> !o.isDeleted())
                        .map(o -> Result.ok(new Target(new ObjectRef("organization", o.id().text()), o.id(), null,
                                "organizations_read", "Organization")))
                        .orElseGet(() -> Result.fail(Failure.notFound("Organization")));
            }
            case "project" -> {
                return ProjectId.parse(id).flatMap(p -> projects.byId(p)).filter(p -> !p.deleted())
                        .map(p -> Result.ok(new Target(new ObjectRef("project", p.id().text()), p.organizationId(), null,
                                "projects_read", "Project")))
                        .orElseGet(() -> Result.fail(Failure.notFound("Project")));
            }
            default -> {
                return EnvironmentId.parse(id).flatMap(e -> environments.byId(e))
                        .filter(e -> projects.byId(e.projectId()).filter(p -> !p.deleted()).isPresent())
                        .map(e -> Result.ok(new Target(new ObjectRef("environment", e.id().text()), e.organizationId(),
                                e.kind(), "environments_read", "Environment")))
                        .orElseGet(() -> Result.fail(Failure.notFound("Environment")));
            }
        }
    }

    static Optional<UserId> user(Caller caller) {
        return caller.principal() instanceof Principal.User u ? Optional.of(u.userId()) : Optional.empty();
    }

    static Failure invalidState(AccessRequest r, String action) {
        String state = r.state().wire();
        return Failure.of(Reason.INVALID_STATE, "The access request is " + state + "; it cannot be " + action + ".")
                .withDetail("current_state", state);
    }

    static String viewPermissionOf(ObjectRef resource) {
        return switch (resource.type()) {
            case "organization" -> "organizations_read";
            case "project" -> "projects_read";
            default -> "environments_read";
        };
    }

    /**
     * Whether the caller may see the request: its requester, anyone with {@code access_requests_read}
     * on its resource (which includes every organization member), the approvers of a pending request's
     * current stage, and platform admins.
     */
    Result<Boolean> visible(Caller caller, AccessRequest r) {
        if (caller.principal().platformAdmin()) {
            return Result.ok(true);
        }
        if (user(caller).filter(r.requester()::equals).isPresent()) {
            return Result.ok(true);
        }
        var subject = AccessControl.subject(caller.principal());
        if (subject.isEmpty()) {
            return Result.ok(false);
        }
        var readable = authorizer.check(r.resource(), "access_requests_read", subject.get());
        if (!readable.isOk() || readable.value() == Permissionship.HAS_PERMISSION
                || !(r.state() instanceof RequestState.Pending p)) {
            return readable.map(x -> x == Permissionship.HAS_PERMISSION);
        }
        // an approver named in the current stage sees the request even without a role in the organization
        return approversOf(r, p.stage()).map(all -> all.contains(subject.get().id()));
    }

    /**
     * The users who may vote in {@code stage} (sorted ids): the stage's explicit users, the holders of its
     * organization role or a stronger one, the subjects with its relation or permission on the resource
     * (lookup-subjects), never the requester. Wildcards are not listed.
     */
    Result<List<String>> approversOf(AccessRequest r, int stage) {
        Stage s = r.stages().get(stage);
        TreeSet<String> out = new TreeSet<>();
        s.approvers().users().forEach(u -> out.add(u.text()));
        if (s.approvers().organizationRole() != null) {
            ObjectRef org = new ObjectRef("organization", r.organizationId().text());
            for (Role role : Role.values()) {
                if (role.compareTo(s.approvers().organizationRole()) >= 0) {
                    var found = authorizer.lookupSubjects(org, role.relation(), "user", Optional.empty());
                    if (!found.isOk()) {
                        return Result.fail(found.failure());
                    }
                    out.addAll(found.value().subjectIds());
                }
            }
        }
        if (s.approvers().permission() != null) {
            var found = authorizer.lookupSubjects(r.resource(), s.approvers().permission(), "user", Optional.empty());
            if (!found.isOk()) {
                return Result.fail(found.failure());
            }
            out.addAll(found.value().subjectIds());
        }
        out.remove(r.requester().text());
        return Result.ok(List.copyOf(out));
    }

    /** Who may still vote in the current stage of a pending request (approvers minus those who voted); else empty. */
    Result<List<String>> eligible(AccessRequest r) {
        if (!(r.state() instanceof RequestState.Pending p)) {
            return Result.ok(List.of());
        }
        return approversOf(r, p.stage()).map(all -> {
            var voted = r.decisionsIn(p.stage()).stream().map(d -> d.approver().text()).toList();
            return all.stream().filter(u -> !voted.contains(u)).toList();
        });
    }

    Result<AccessRequestView> view(AccessRequest r) {
        return eligible(r).map(e -> new AccessRequestView(r, e));
    }

    /**
     * The grant's relationships. A role: {@code <resource>#<role>@user:<requester>} expiring. A permission:
     * a per-request role ({@code role:req_…} with the permission set to {@code user:*}), its binding
     * ({@code role_binding:req_…}) whose {@code subject} expires, attached to the resource.
     */
    static List<Relationship> grantOf(AccessRequest r, Instant expiresAt) {
        SubjectRef requester = SubjectRef.of("user", r.requester().text());
        if (r.access().isRole()) {
            return List.of(Relationship.expiring(r.resource(), r.access().role(), requester, expiresAt));
        }
        ObjectRef role = new ObjectRef("role", r.id().text());
        ObjectRef binding = new ObjectRef("role_binding", r.id().text());
        List<Relationship> out = new ArrayList<>();
        out.add(Relationship.of(role, r.access().schemaPermission(), SubjectRef.wildcard("user")));
        out.add(Relationship.of(binding, "role", SubjectRef.of(role)));
        out.add(Relationship.expiring(binding, "subject", requester, expiresAt));
        out.add(Relationship.of(r.resource(), "binding", SubjectRef.of(binding)));
        return out;
    }

    Result<?> writeGrant(AccessRequest r, Instant expiresAt) {
        return authorizer.write(grantOf(r, expiresAt).stream().map(RelationshipUpdate::touch).toList());
    }

    Result<?> withdrawGrant(AccessRequest r, Instant expiresAt) {
        return authorizer.write(grantOf(r, expiresAt).stream().map(RelationshipUpdate::delete).toList());
    }

    static Map<String, Object> data(AccessRequest r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("access_request_id", r.id().text());
        d.put("organization_id", r.organizationId().text());
        d.put("requester_id", r.requester().text());
        d.put("resource_type", r.resource().type());
        d.put("resource_id", r.resource().id());
        if (r.access().isRole()) {
            d.put("role", r.access().role());
        } else {
            d.put("permission", r.access().permission());
        }
        d.put("duration_minutes", r.duration().toMinutes());
        d.put("status", r.state().wire());
        if (r.state() instanceof RequestState.Approved a) {
            d.put("grant_expires_at", a.grantExpiresAt().toString());
        }
        return d;
    }

    /** Records a state change: audit and the outbox event, in the caller's transaction. */
    void announce(Caller caller, String type, AccessRequest r, Map<String, Object> extra) {
        Map<String, Object> d = data(r);
        d.putAll(extra);
        auditor.record(caller, type, "access_request", r.id(), r.organizationId(), d);
        events.record(type, r.organizationId(), d);
    }
}
