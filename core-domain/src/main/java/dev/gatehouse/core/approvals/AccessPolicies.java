package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.WorkflowId;

import java.util.List;
import java.util.Optional;

/** The approval policies of every organization. */
public interface AccessPolicies {
    void add(Policy policy);

    Optional<Policy> byId(PolicyId id);

    void update(Policy policy);

    void remove(PolicyId id);

    /** Every policy of the organization (to match a request), in no particular order. */
    List<Policy> ofOrganization(OrganizationId organization);

    /** Whether any policy names the workflow. */
    boolean usesWorkflow(WorkflowId workflow);

    /** Oldest first by default; {@code search} matches the name. */
    Page<Policy> list(OrganizationId organization, ListQuery query);
}
