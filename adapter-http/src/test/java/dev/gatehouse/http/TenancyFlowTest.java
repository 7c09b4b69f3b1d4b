package dev.gatehouse.http;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.events.DomainEvent;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.gatehouse.http.ErrorResponsesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The life of an organization over HTTP, on the memory stores. */
@MicronautTest
class TenancyFlowTest {
    @Inject
    EmbeddedServer server;
    @Inject
    Gatehouse gatehouse;

    @Test
    void createInviteAcceptChangeRoleRemoveAndDelete() {
        Api api = new Api(server.getURL());
        Tenants tenants = new Tenants(api, gatehouse);
        var ada = tenants.person("ada");
        var bob = tenants.person("bob");

        var org = api.postJson("/api/v1/organizations", "{\"name\":\"Flow Inc\"}", ada.token());
        assertThat(org.status()).isEqualTo(201);
        String orgId = org.json().at("/data/id").asText();
        String path = "/api/v1/organizations/" + orgId;
        assertProblem(api.get(path, bob.token()), 404, "not_found");

        var invitation = api.postJson(path + "/invitations", "{\"email\":\"" + bob.email() + "\",\"role\":\"viewer\"}", ada.token());
        assertThat(invitation.status()).isEqualTo(201);
        String token = invitation.json().at("/data/token").asText();

        var accepted = api.postJson("/api/v1/invitations/" + token + "/accept", "", bob.token());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(api.get(path, bob.token()).status()).isEqualTo(200);
        assertProblem(tenants.patch(path, "{\"name\":\"Bob's now\"}", bob.token()), 403, "access_denied");

        var promoted = tenants.patch(path + "/members/" + bob.id(), "{\"role\":\"admin\"}", ada.token());
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(tenants.patch(path, "{\"name\":\"Flow Two\"}", bob.token()).status()).isEqualTo(200);

        assertThat(tenants.delete(path + "/members/" + bob.id(), ada.token()).status()).isEqualTo(204);
        assertProblem(api.get(path, bob.token()), 404, "not_found");

        tenants.add(new Tenants.Org(orgId, ada, null, null, null, null), bob, "member");
        assertThat(api.get(path, bob.token()).status()).isEqualTo(200);
        assertThat(tenants.delete(path, ada.token()).status()).isEqualTo(204);
        assertProblem(api.get(path, ada.token()), 404, "not_found");
        assertProblem(api.get(path, bob.token()), 404, "not_found");
        assertThat(api.get("/api/v1/organizations", bob.token()).json().at("/meta/total").asInt()).isZero();

        var types = gatehouse.stores().platform().eventOutbox().after(null, 1000).stream()
                .filter(e -> e.organizationId() != null && e.organizationId().text().equals(orgId))
                .map(DomainEvent::type).toList();
        assertThat(types).containsSubsequence("organization.created", "invitation.created", "invitation.accepted",
                "member.role_changed", "organization.updated", "member.removed", "member.added", "organization.deleted");
        assertThat(gatehouse.stores().platform().eventOutbox().after(null, 1000).toString()).doesNotContain(token);
    }
}
