package dev.gatehouse.core.tenancy;

import java.util.LinkedHashMap;
import java.util.Map;

/** The data of invitation domain events: ids, email and role; never the token or its hash. */
final class InvitationEvents {
    private InvitationEvents() {
    }

    static Map<String, Object> data(Invitation inv) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organization_id", inv.organizationId().text());
        data.put("invitation_id", inv.id().text());
        data.put("email", inv.email().value());
        data.put("role", inv.role().relation());
        return data;
    }
}
