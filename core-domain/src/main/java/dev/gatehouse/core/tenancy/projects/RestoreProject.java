package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.Quota;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.util.Map;

/**
 * Brings a soft-deleted project back ({@code projects_delete}) within {@link Project#RESTORE_WINDOW}
 * of its deletion. An active project, or one whose window has ended but is not purged yet, is a
 * conflict; a purged one is not found. It takes a {@code projects} slot again (403
 * {@code feature_limit_reached} when none is left).
 */
public record RestoreProject(Projects projects, ProjectAccess access, Quota entitlements, Platform p) {
    public Result<Project> handle(Caller caller, ProjectId id) {
        return p.transactions().inTransaction(() -> {
            var found = projects.byId(id);
            if (found.isEmpty()) {
                return Result.<Project>fail(Failure.notFound("Project"));
            }
            var denied = access.onProject(caller, id, "projects_delete");
            if (denied.isPresent()) {
                return Result.<Project>fail(denied.get());
            }
            Project before = found.get();
            if (!before.deleted()) {
                return Result.<Project>fail(Failure.of(Reason.INVALID_STATE, "The project is not deleted."));
            }
            var now = p.clock().instant();
            var until = before.restorableUntil().orElseThrow();
            if (!now.isBefore(until)) {
                return Result.<Project>fail(Failure.of(Reason.INVALID_STATE, "The project was deleted more than "
                        + Project.RESTORE_WINDOW.toDays() + " days ago and can no longer be restored.")
                        .withDetail("restorable_until", until.toString()));
            }
            var slot = entitlements.consume(before.organizationId(), Quota.PROJECTS, 1);
            if (slot.isPresent()) {
                return Result.<Project>fail(slot.get());
            }
            Project restored = before.restored(now);
            projects.update(restored);
            p.auditor().record(caller, "project.restored", "project", id, restored.organizationId(),
                    Map.of("deleted_at", before.deletedAt().toString()));
            p.events().record(new dev.gatehouse.core.events.TenancyEvent.ProjectRestored(id, restored.organizationId()));
            return Result.ok(restored);
        });
    }
}
