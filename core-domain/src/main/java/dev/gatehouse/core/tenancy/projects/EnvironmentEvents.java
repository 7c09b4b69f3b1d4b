package dev.gatehouse.core.tenancy.projects;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code data} of environment events. */
final class EnvironmentEvents {
    private EnvironmentEvents() {
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
