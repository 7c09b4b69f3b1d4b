package dev.gatehouse.core.tenancy;

import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.lifecycle.Cascade;
import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.Quota;
import dev.gatehouse.core.tenancy.projects.CreateEnvironment;
import dev.gatehouse.core.tenancy.projects.CreateProject;
import dev.gatehouse.core.tenancy.projects.DeleteEnvironment;
import dev.gatehouse.core.tenancy.projects.DeleteProject;
import dev.gatehouse.core.tenancy.projects.GetProject;
import dev.gatehouse.core.tenancy.projects.ListEnvironments;
import dev.gatehouse.core.tenancy.projects.ListProjects;
import dev.gatehouse.core.tenancy.projects.ProjectAccess;
import dev.gatehouse.core.tenancy.projects.ProjectRelationships;
import dev.gatehouse.core.tenancy.projects.PurgeDeletedProjects;
import dev.gatehouse.core.tenancy.projects.RestoreProject;
import dev.gatehouse.core.tenancy.projects.UpdateProject;

/**
 * The tenancy feature: organizations, their members and invitations, projects and their environments,
 * wired once by {@link #wire}. The HTTP adapter's tenancy routes inject this record; an embedder
 * reaches it as {@code gatehouse.tenancy()}.
 *
 * @param purgeDeletedProjects hard-deletes projects past their restore window; run it on a schedule
 * @param cascade              the memberships' part of every lifecycle cascade (ADR 0018): a deactivated
 *                             user leaves every organization
 */
public record TenancyUseCases(CreateOrganization createOrganization, ListOrganizations listOrganizations,
                              GetOrganization getOrganization, UpdateOrganization updateOrganization,
                              DeleteOrganization deleteOrganization,
                              ListMembers listMembers, AddMember addMember, ChangeMemberRole changeMemberRole,
                              RemoveMember removeMember,
                              CreateInvitation createInvitation, ListInvitations listInvitations,
                              RevokeInvitation revokeInvitation, ResendInvitation resendInvitation,
                              AcceptInvitation acceptInvitation,
                              CreateProject createProject, ListProjects listProjects, GetProject getProject,
                              UpdateProject updateProject, DeleteProject deleteProject, RestoreProject restoreProject,
                              PurgeDeletedProjects purgeDeletedProjects,
                              ListEnvironments listEnvironments, CreateEnvironment createEnvironment,
                              DeleteEnvironment deleteEnvironment,
                              MembershipCascade cascade) {

    /**
     * @param users        who members are (read only): adding by id or email, member lists, invitations
     * @param entitlements the plan's {@code members} and {@code projects} limits: a member or project takes
     *                     a slot, removal and deletion give it back
     * @param mailer       sends invitation emails, after the change committed
     * @param links        where invitation links point
     * @param cascade      the one cascade of every ending; deleting an organization, project or environment,
     *                     removing a member and purging a project run it beneath what ends
     */
    public static TenancyUseCases wire(TenancyStores stores, Platform platform, Users users, Quota entitlements,
                                       Mailer mailer, InvitationLinks links, Cascade cascade) {
        var organizations = stores.organizations();
        var memberships = stores.memberships();
        var invitations = stores.invitations();
        var projects = stores.projects();
        var environments = stores.environments();
        var tx = platform.transactions();
        var guard = new OrganizationGuard(organizations, platform.access());
        var ownerRole = new OwnerRolePolicy(guard);
        var lastOwner = new LastOwnerPolicy(memberships);
        var grants = new MembershipGrants(platform.authorizer(), platform.auditor(), platform.events());
        var membershipCascade = new MembershipCascade(memberships, entitlements, grants, cascade);
        var invitationChecks = new InvitationChecks(guard, ownerRole, invitations);
        var mail = new InvitationMail(mailer);
        var projectAccess = new ProjectAccess(projects, platform.access());
        var relationships = new ProjectRelationships(platform.authorizer());
        return new TenancyUseCases(
                new CreateOrganization(organizations, memberships, entitlements, platform),
                new ListOrganizations(organizations, platform),
                new GetOrganization(guard, tx),
                new UpdateOrganization(organizations, guard, platform),
                new DeleteOrganization(organizations, guard, cascade, platform),
                new ListMembers(memberships, users, guard, tx),
                new AddMember(memberships, users, guard, ownerRole, grants, entitlements, platform),
                new ChangeMemberRole(memberships, users, guard, ownerRole, lastOwner, grants, platform),
                new RemoveMember(memberships, guard, ownerRole, lastOwner, membershipCascade, cascade, platform),
                new CreateInvitation(invitations, memberships, users, guard, ownerRole, links, mail, platform),
                new ListInvitations(invitations, guard, platform),
                new RevokeInvitation(invitations, invitationChecks, platform),
                new ResendInvitation(invitations, organizations, invitationChecks, links, mail, platform),
                new AcceptInvitation(invitations, organizations, memberships, users, grants, entitlements, platform),
                new CreateProject(projects, environments, projectAccess, relationships, entitlements, platform),
                new ListProjects(projects, platform),
                new GetProject(projectAccess, tx),
                new UpdateProject(projects, projectAccess, platform),
                new DeleteProject(projects, projectAccess, entitlements, cascade, platform),
                new RestoreProject(projects, projectAccess, entitlements, platform),
                new PurgeDeletedProjects(projects, environments, relationships, cascade, platform),
                new ListEnvironments(environments, projectAccess, tx),
                new CreateEnvironment(environments, projectAccess, relationships, platform),
                new DeleteEnvironment(projects, environments, projectAccess, relationships, cascade, platform),
                membershipCascade);
    }
}
