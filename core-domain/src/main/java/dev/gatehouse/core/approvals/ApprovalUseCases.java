package dev.gatehouse.core.approvals;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.events.Announcer;
import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;

import java.time.Clock;

/**
 * The access-request feature's use cases and its part of lifecycle cascades, wired once from its ports
 * ({@link ApprovalStores}: {@link AccessRequests}, {@link AccessPolicies}, {@link Workflows}), the tenancy
 * ports it reads, and what every feature shares ({@link Platform}).
 */
public record ApprovalUseCases(SubmitAccessRequest submit, DecideAccessRequest decide, CancelAccessRequest cancel,
                               RevokeAccessGrant revoke, GetAccessRequest get, ListAccessRequests list,
                               SettleAccessRequests settle, ManageWorkflows workflows, ManagePolicies policies,
                               AccessGrantCleanup grantCleanup) {

    public static ApprovalUseCases wire(ApprovalStores stores, Platform platform, Organizations organizations, Projects projects,
                                        Environments environments) {
        AccessRequests requests = stores.accessRequests();
        AccessPolicies policies = stores.accessPolicies();
        Workflows workflows = stores.workflows();
        Authorizer authorizer = platform.authorizer();
        Auditor auditor = platform.auditor();
        Transactions tx = platform.transactions();
        Clock clock = platform.clock();
        IdGenerator ids = platform.ids();
        var access = platform.access();
        var approvers = new ApproverDirectory(authorizer);
        var visibility = new RequestVisibility(authorizer, approvers);
        var grants = new AccessGrants(authorizer);
        var announcer = new Announcer(auditor, platform.events());
        var policyAccess = new PolicyAccess(organizations, access);
        var settle = new SettleAccessRequests(requests, grants, announcer, tx, clock);
        return new ApprovalUseCases(
                new SubmitAccessRequest(requests, policies, workflows, new RequestTargets(organizations, projects, environments),
                        authorizer, grants, approvers, announcer, tx, clock, ids),
                new DecideAccessRequest(requests, visibility, approvers, grants, announcer, settle, clock),
                new CancelAccessRequest(requests, visibility, approvers, announcer, settle, clock),
                new RevokeAccessGrant(requests, access, approvers, grants, announcer, settle, clock),
                new GetAccessRequest(requests, visibility, approvers, settle, tx),
                new ListAccessRequests(requests, access, approvers, tx),
                settle,
                new ManageWorkflows(policies, workflows, policyAccess, auditor, tx, clock, ids),
                new ManagePolicies(policies, workflows, policyAccess, auditor, tx, clock, ids),
                new AccessGrantCleanup(requests, environments, grants, announcer, clock));
    }
}
