package dev.gatehouse.core.reach;

import dev.gatehouse.core.approvals.AccessPolicies;
import dev.gatehouse.core.approvals.AccessRequests;
import dev.gatehouse.core.approvals.Workflows;
import dev.gatehouse.core.roles.Roles;
import dev.gatehouse.core.keys.ApiKeys;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.RoleAssignmentId;
import dev.gatehouse.core.shared.RoleId;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.WebhookId;
import dev.gatehouse.core.shared.WorkflowId;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;
import dev.gatehouse.core.webhooks.WebhookEndpoints;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a resource lives: resource kind + id → its organization (and project, environment). The
 * route table's filter asks it before it decides on scopes, so that a principal is told "not found"
 * about another tenant's resource whatever scopes it lacks, and "forbidden, naming the scope" only
 * inside its own tenant (ADR 0017). It reads the same store ports every use case reads, so it
 * answers alike on every store. A resource of a deleted organization has no owner (not found).
 */
public record ResourceOwners(Stores stores) {
    public ResourceOwners {
        Objects.requireNonNull(stores, "stores");
    }

    /** The kinds of resource a route names by id. */
    public enum Kind {
        ORGANIZATION, PROJECT, ENVIRONMENT, API_KEY, ROLE, ROLE_ASSIGNMENT, ACCESS_REQUEST, WORKFLOW, POLICY, WEBHOOK;

        /** The kind named by an authorization object type ({@code organization}, {@code project}, …), if any. */
        public static Optional<Kind> ofType(String type) {
            if (type == null) {
                return Optional.empty();
            }
            return switch (type.toLowerCase(Locale.ROOT)) {
                case "organization" -> Optional.of(ORGANIZATION);
                case "project" -> Optional.of(PROJECT);
                case "environment" -> Optional.of(ENVIRONMENT);
                default -> Optional.empty();
            };
        }
    }

    /** Where a resource lives. {@code project} and {@code environment} are empty where it is above them. */
    public record Owner(OrganizationId organization, Optional<ProjectId> project, Optional<EnvironmentId> environment) {
        public Owner {
            Objects.requireNonNull(organization, "organization");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(environment, "environment");
        }

        static Owner of(OrganizationId organization) {
            return new Owner(organization, Optional.empty(), Optional.empty());
        }
    }

    /** Where a resource stands relative to a principal. */
    public enum Where {
        /** No such resource, or another tenant's: the answer is not found. */
        ELSEWHERE,
        /** The principal's own tenant (its organization): a missing permission is forbidden, naming it. */
        TENANT
    }

    /** The store ports the resolver reads. */
    public record Stores(Transactions transactions, Organizations organizations, Projects projects, Environments environments,
                         ApiKeys apiKeys, Roles roles, AccessRequests accessRequests, Workflows workflows,
                         AccessPolicies policies, WebhookEndpoints webhooks) {
        public Stores {
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(organizations, "organizations");
            Objects.requireNonNull(projects, "projects");
            Objects.requireNonNull(environments, "environments");
            Objects.requireNonNull(apiKeys, "apiKeys");
            Objects.requireNonNull(roles, "roles");
            Objects.requireNonNull(accessRequests, "accessRequests");
            Objects.requireNonNull(workflows, "workflows");
            Objects.requireNonNull(policies, "policies");
            Objects.requireNonNull(webhooks, "webhooks");
        }
    }

    /** The owner of a resource; empty for a malformed id, a missing resource or one of a deleted organization. */
    public Optional<Owner> owner(Kind kind, String id) {
        if (kind == null || id == null) {
            return Optional.empty();
        }
        return stores.transactions().readOnly(() -> find(kind, id).filter(o -> stores.organizations().byId(o.organization())
                .filter(org -> org.deletedAt() == null).isPresent()));
    }

    private Optional<Owner> find(Kind kind, String id) {
        return switch (kind) {
            case ORGANIZATION -> OrganizationId.parse(id).map(Owner::of);
            case PROJECT -> ProjectId.parse(id).flatMap(stores.projects()::byId)
                    .map(p -> new Owner(p.organizationId(), Optional.of(p.id()), Optional.empty()));
            case ENVIRONMENT -> EnvironmentId.parse(id).flatMap(stores.environments()::byId)
                    .map(e -> new Owner(e.organizationId(), Optional.of(e.projectId()), Optional.of(e.id())));
            case API_KEY -> ApiKeyId.parse(id).flatMap(stores.apiKeys()::byId)
                    .map(k -> new Owner(k.organizationId(), Optional.ofNullable(k.projectId()), Optional.ofNullable(k.environmentId())));
            case ROLE -> RoleId.parse(id).flatMap(stores.roles()::byId).map(r -> Owner.of(r.organizationId()));
            case ROLE_ASSIGNMENT -> RoleAssignmentId.parse(id).flatMap(stores.roles()::assignmentById)
                    .map(a -> Owner.of(a.organizationId()));
            case ACCESS_REQUEST -> AccessRequestId.parse(id).flatMap(stores.accessRequests()::byId)
                    .map(r -> Owner.of(r.organizationId()));
            case WORKFLOW -> WorkflowId.parse(id).flatMap(stores.workflows()::byId).map(w -> Owner.of(w.organizationId()));
            case POLICY -> PolicyId.parse(id).flatMap(stores.policies()::byId).map(p -> Owner.of(p.organizationId()));
            case WEBHOOK -> WebhookId.parse(id).flatMap(stores.webhooks()::byId).map(w -> Owner.of(w.organizationId()));
        };
    }

    /**
     * Where the resource stands for an API key: its own organization, or elsewhere (missing, or
     * another tenant's). Users are answered by the use cases, which see their memberships and roles.
     */
    public Where where(Principal.ApiKey key, Kind kind, String id) {
        return owner(kind, id).filter(o -> o.organization().equals(key.organizationId())).isPresent() ? Where.TENANT
                : Where.ELSEWHERE;
    }

    /** The name of a kind in a "not found" message. */
    public static String what(Kind kind) {
        return switch (kind) {
            case ORGANIZATION -> "Organization";
            case PROJECT -> "Project";
            case ENVIRONMENT -> "Environment";
            case API_KEY -> "API key";
            case ROLE -> "Role";
            case ROLE_ASSIGNMENT -> "Role assignment";
            case ACCESS_REQUEST -> "Access request";
            case WORKFLOW -> "Workflow";
            case POLICY -> "Policy";
            case WEBHOOK -> "Webhook";
        };
    }
}
