package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PolicyId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.shared.WebhookId;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ids and values the catalog's examples share. */
final class Examples {
    static final String ORG_TEXT = "org_01jd0000000000000000000000";
    static final String PRJ_TEXT = "prj_01jd0000000000000000000000";
    static final String ENV_TEXT = "env_01jd0000000000000000000000";
    static final String USR_TEXT = "usr_01jd0000000000000000000000";
    static final String KEY_TEXT = "key_01jd0000000000000000000000";
    static final String ROLE_TEXT = "role_01jd0000000000000000000000";
    static final OrganizationId ORG = OrganizationId.parse(ORG_TEXT).orElseThrow();
    static final ProjectId PRJ = ProjectId.parse(PRJ_TEXT).orElseThrow();
    static final UserId USR = UserId.parse(USR_TEXT).orElseThrow();
    static final WebhookId WHK = WebhookId.parse("whk_01jd0000000000000000000000").orElseThrow();
    static final AccessRequestId REQ = AccessRequestId.parse("req_01jd0000000000000000000000").orElseThrow();
    static final PolicyId POL = PolicyId.parse("pol_01jd0000000000000000000000").orElseThrow();
    static final Instant LATER = Instant.parse("2026-01-15T11:30:00Z");

    private Examples() {
    }

    /** A payload from key/value pairs, in order. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
