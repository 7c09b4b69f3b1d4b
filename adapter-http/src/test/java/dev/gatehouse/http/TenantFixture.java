package dev.gatehouse.http;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.OrganizationId;

import java.util.List;
import java.util.UUID;

/**
 * An organization as the authorization model sees it, without the organizations feature: a fresh
 * {@code organization:org_…} with an owner, admin, member and viewer (and an outsider who owns
 * another organization), each with a session token.
 */
final class TenantFixture {
    final OrganizationId org = new OrganizationId(UUID.randomUUID());
    final OrganizationId otherOrg = new OrganizationId(UUID.randomUUID());
    final String owner;
    final String admin;
    final String member;
    final String viewer;
    final String outsider;

    TenantFixture(Api api, Gatehouse gatehouse) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        owner = join(api, gatehouse, org, "owner", tag);
        admin = join(api, gatehouse, org, "admin", tag);
        member = join(api, gatehouse, org, "member", tag);
        viewer = join(api, gatehouse, org, "viewer", tag);
        outsider = join(api, gatehouse, otherOrg, "owner", tag + "x");
    }

    private static String join(Api api, Gatehouse gatehouse, OrganizationId org, String role, String tag) {
        String token = api.userToken(gatehouse, role + "-" + tag + "@example.com", false);
        String userId = api.get("/api/v1/me", token).json().at("/data/id").asText();
        grant(gatehouse, new ObjectRef("organization", org.text()), role, userId);
        return token;
    }

    static void grant(Gatehouse gatehouse, ObjectRef resource, String relation, String userId) {
        var written = gatehouse.platform().authorizer().write(List.of(RelationshipUpdate.touch(
                Relationship.of(resource, relation, SubjectRef.of("user", userId)))));
        if (!written.isOk()) {
            throw new IllegalStateException(written.failure().toString());
        }
    }
}
