package dev.gatehouse.core.approvals;

import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.tenancy.Role;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/** Who may vote on a request: a stage's approvers, and who of them still may in the current stage. */
public record ApproverDirectory(Authorizer authorizer) implements AccessRequest.StageApprovers {
    public ApproverDirectory {
        Objects.requireNonNull(authorizer, "authorizer");
    }

    /**
     * The users who may vote in {@code stage} (sorted ids): the stage's explicit users, the holders of its
     * organization role or a stronger one, the subjects with its relation or permission on the resource
     * (lookup-subjects), never the requester. Wildcards are not listed.
     */
    @Override
    public Result<List<String>> of(AccessRequest r, int stage) {
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
    public Result<List<String>> eligible(AccessRequest r) {
        if (!(r.state() instanceof RequestState.Pending p)) {
            return Result.ok(List.of());
        }
        return of(r, p.stage()).map(all -> {
            var voted = r.decisionsIn(p.stage()).stream().map(d -> d.approver().text()).toList();
            return all.stream().filter(u -> !voted.contains(u)).toList();
        });
    }

    /** The request as shown, with its eligible approvers. */
    public Result<AccessRequestView> view(AccessRequest r) {
        return eligible(r).map(e -> new AccessRequestView(r, e));
    }
}
