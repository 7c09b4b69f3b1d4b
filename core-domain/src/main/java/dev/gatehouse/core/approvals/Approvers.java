package dev.gatehouse.core.approvals;

import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Role;

import java.util.List;
import java.util.Objects;

/**
 * Who may vote in a stage: the union of explicit users, the holders of an organization role (that
 * role or a stronger one: {@code admin} means admins and owners) and the subjects with a relation or
 * permission of {@code gatehouse.zed} on the requested resource ({@code access_requests_approve}).
 */
public record Approvers(List<UserId> users, Role organizationRole, String permission) {
    public Approvers {
        users = List.copyOf(Objects.requireNonNull(users, "users"));
    }

    public boolean isEmpty() {
        return users.isEmpty() && organizationRole == null && permission == null;
    }
}
