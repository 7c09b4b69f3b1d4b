package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sealed event family, its one serializer and the catalog derived from it. */
class EventFamilyTest {
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void theCatalogHasOneEntryPerRecordOfTheFamilyWithItsTypeAndExample() {
        var classes = EventCatalog.recordClasses();
        assertThat(classes).hasSizeGreaterThan(40).allSatisfy(c -> {
            assertThat(c.isRecord()).isTrue();
            assertThat(c.getAnnotation(EventSpec.class)).as(c.getName()).isNotNull();
            assertThat(Examples.of(c)).as(c.getName()).isPresent();
        });
        // one example per record, none for anything else
        assertThat(Examples.all().stream().map(e -> e.getClass().getName()).toList())
                .containsExactlyInAnyOrderElementsOf(classes.stream().map(Class::getName).toList());
        assertThat(EventCatalog.all()).extracting(EventCatalog.Entry::recordClass).containsExactlyElementsOf(classes);
        assertThat(EventCatalog.all()).extracting(EventCatalog.Entry::type).doesNotHaveDuplicates()
                .allMatch(t -> t.matches("[a-z][a-z_]*(\\.[a-z][a-z_]*)+"))
                .contains("access_request.submitted", "access_request.approved", "access_request.rejected",
                        "access_request.cancelled", "access_request.expired", "access_grant.expired", "access_grant.revoked",
                        "webhook.created", "webhook.endpoint_disabled", "webhook.test", "project.created", "api_key.revoked");
        assertThat(EventCatalog.all()).allSatisfy(e -> {
            assertThat(e.description()).isNotBlank();
            assertThat(e.example()).isInstanceOf(e.recordClass());
            assertThat(e.example().type()).isEqualTo(e.type());
            assertThat(e.exampleData()).isNotEmpty().isEqualTo(e.example().data());
        });
    }

    @Test
    void theSerializerWritesComponentsInOrderInSnakeCaseLeavingNullsOut() {
        var request = new ApprovalEvent.Request(new AccessRequestId(new UUID(1, 2)), new OrganizationId(new UUID(3, 4)),
                new UserId(new UUID(5, 6)), "project", "prj_x", "admin", null, 60, "approved", AT);
        var approved = new ApprovalEvent.Approved(request, new ApprovalEvent.Vote("approved", 2, "Managers", null, null), null);
        Map<String, Object> data = approved.data();
        assertThat(data.keySet()).containsExactly("access_request_id", "organization_id", "requester_id", "resource_type",
                "resource_id", "role", "duration_minutes", "status", "grant_expires_at", "decision", "stage", "stage_name");
        assertThat(data).containsEntry("access_request_id", request.accessRequestId().text())
                .containsEntry("organization_id", request.organizationId().text())
                .containsEntry("duration_minutes", 60L).containsEntry("stage", 2)
                .containsEntry("grant_expires_at", "2026-03-01T12:00:00Z");
        assertThat(approved.organizationId()).isEqualTo(request.organizationId());
        assertThat(new ApprovalEvent.Approved(request, null, true).data()).containsEntry("auto_approved", true)
                .doesNotContainKeys("decision", "stage");
    }

    @Test
    void aKeepNullComponentIsWrittenAsNull() {
        var endpoint = new WebhookEvent.Endpoint(Examples.WHK, Examples.ORG, "https://example.com/h", List.of("*"), true);
        Map<String, Object> data = new WebhookEvent.SecretRotated(endpoint, null).data();
        assertThat(data).containsKey("previous_secret_expires_at").containsEntry("previous_secret_expires_at", null)
                .containsEntry("is_active", true).containsEntry("events", List.of("*"));
    }

    @Test
    void aPrebuiltPayloadIsWrittenAsItIsAndCopied() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("role_id", "role_x");
        payload.put("organization_id", Examples.ORG_TEXT);
        payload.put("description", null);
        var event = new RoleEvent.RoleCreated(Examples.ORG, payload);
        payload.put("later", 1);
        assertThat(event.data()).containsExactlyEntriesOf(new LinkedHashMap<>(Map.of("role_id", "role_x")) {
            {
                put("organization_id", Examples.ORG_TEXT);
                put("description", null);
            }
        });
        assertThat(event.type()).isEqualTo("role.created");
        assertThatThrownBy(() -> event.payload().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void eventsGoToTheOutboxWithTheirTypeOrganizationAndData() {
        var appended = new java.util.ArrayList<DomainEvent>();
        EventOutbox outbox = new EventOutbox() {
            public void append(DomainEvent e) {
                appended.add(e);
            }

            public List<DomainEvent> after(dev.gatehouse.core.shared.EventId after, int limit) {
                return appended;
            }

            public java.util.Optional<DomainEvent> byId(dev.gatehouse.core.shared.EventId id) {
                return java.util.Optional.empty();
            }
        };
        var clock = java.time.Clock.fixed(AT, java.time.ZoneOffset.UTC);
        var events = new Events(outbox, clock, new dev.gatehouse.core.shared.SecureIdGenerator(clock));
        var stored = events.record(Examples.of(TenancyEvent.ProjectCreated.class).orElseThrow());
        assertThat(appended).containsExactly(stored);
        assertThat(stored.type()).isEqualTo("project.created");
        assertThat(stored.organizationId()).isEqualTo(Examples.ORG);
        assertThat(stored.occurredAt()).isEqualTo(AT);
        assertThat(stored.data()).containsExactly(Map.entry("project_id", Examples.PRJ_TEXT),
                Map.entry("organization_id", Examples.ORG_TEXT), Map.entry("name", "Web"));
        var user = events.record(new IdentityEvent.UserDeactivated(Examples.USR));
        assertThat(user.organizationId()).isNull();
        assertThat(user.data()).isEqualTo(new HashMap<>(Map.of("user_id", Examples.USR_TEXT)));
    }

    @Test
    void snakeCase() {
        assertThat(EventCodec.snake("grantExpiresAt")).isEqualTo("grant_expires_at");
        assertThat(EventCodec.snake("isActive")).isEqualTo("is_active");
        assertThat(EventCodec.snake("url")).isEqualTo("url");
    }
}
