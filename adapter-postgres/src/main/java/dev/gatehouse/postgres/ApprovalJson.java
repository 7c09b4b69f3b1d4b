package dev.gatehouse.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.approvals.Approvers;
import dev.gatehouse.core.approvals.Decision;
import dev.gatehouse.core.approvals.Stage;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The jsonb forms of workflow stages and request decisions. */
final class ApprovalJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    private ApprovalJson() {
    }

    static String stages(List<Stage> stages) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Stage s : stages) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("users", s.approvers().users().stream().map(UserId::text).toList());
            m.put("organization_role", s.approvers().organizationRole() == null ? null : s.approvers().organizationRole().relation());
            m.put("permission", s.approvers().permission());
            m.put("required_approvals", s.requiredApprovals());
            m.put("rejection_ends_request", s.rejectionEndsRequest());
            out.add(m);
        }
        return write(out);
    }

    @SuppressWarnings("unchecked")
    static List<Stage> stages(String json) {
        List<Stage> out = new ArrayList<>();
        for (Map<String, Object> m : read(json)) {
            List<UserId> users = ((List<String>) m.get("users")).stream().map(u -> UserId.parse(u).orElseThrow()).toList();
            String role = (String) m.get("organization_role");
            out.add(new Stage((String) m.get("name"), new Approvers(users,
                    role == null ? null : Role.valueOf(role.toUpperCase(Locale.ROOT)), (String) m.get("permission")),
                    ((Number) m.get("required_approvals")).intValue(), (Boolean) m.get("rejection_ends_request")));
        }
        return out;
    }

    static String decisions(List<Decision> decisions) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Decision d : decisions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", d.stage());
            m.put("approver", d.approver().text());
            m.put("verdict", d.verdict().wire());
            m.put("comment", d.comment());
            m.put("decided_at", d.decidedAt().toString());
            out.add(m);
        }
        return write(out);
    }

    static List<Decision> decisions(String json) {
        List<Decision> out = new ArrayList<>();
        for (Map<String, Object> m : read(json)) {
            out.add(new Decision(((Number) m.get("stage")).intValue(), UserId.parse((String) m.get("approver")).orElseThrow(),
                    Decision.Verdict.parse((String) m.get("verdict")), (String) m.get("comment"),
                    Instant.parse((String) m.get("decided_at"))));
        }
        return out;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not representable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static List<Map<String, Object>> read(String json) {
        try {
            return JSON.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored approval JSON is not a list of objects: " + e.getOriginalMessage(), e);
        }
    }
}
