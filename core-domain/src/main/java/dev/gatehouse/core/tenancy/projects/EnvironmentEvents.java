package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.events.TenancyEvent;
import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.Caller;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code data} of environment events, and the record of a created environment. */
final class EnvironmentEvents {
    private EnvironmentEvents() {
    }

    /** Records an environment's creation in the caller's transaction: the audit event and the domain event. */
    static void created(Platform platform, Caller caller, Environment env) {
        platform.auditor().record(caller, "environment.created", "environment", env.id(), env.organizationId(),
                Map.of("project_id", env.projectId().text(), "name", env.name(), "kind", env.kind().wire()));
        platform.events().record(new TenancyEvent.EnvironmentCreated(env.organizationId(), data(env)));
    }

    static Map<String, Object> data(Environment e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("environment_id", e.id().text());
        data.put("project_id", e.projectId().text());
        data.put("organization_id", e.organizationId().text());
        data.put("name", e.name());
        data.put("kind", e.kind().wire());
        return data;
    }
}
