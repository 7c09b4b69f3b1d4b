package dev.gatehouse.http;

import dev.gatehouse.core.Gatehouse;

import java.net.http.HttpRequest;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers for the tenancy API tests: PATCH and DELETE, users with tokens, an organization with one member per role. */
final class Tenants {
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** A signed-in user: id, email and session token. */
    record Person(String id, String email, String token) {
    }

    /** An organization and one person per built-in role, plus an outsider. */
    record Org(String id, Person owner, Person admin, Person member, Person viewer, Person outsider) {
        String path() {
            return "/api/v1/organizations/" + id;
        }
    }

    private final Api api;
    private final Gatehouse gatehouse;

    Tenants(Api api, Gatehouse gatehouse) {
        this.api = api;
        this.gatehouse = gatehouse;
    }

    Api.Response patch(String path, String json, String token) {
        return api.send(api.request(path).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Api.Response delete(String path, String token) {
        return api.send(api.request(path).header("Authorization", "Bearer " + token).DELETE().build());
    }

    Person person(String name) {
        String email = name + "-" + SEQ.incrementAndGet() + "@example.com";
        String token = api.userToken(gatehouse, email, false);
        String id = api.get("/api/v1/me", token).json().at("/data/id").asText();
        return new Person(id, email, token);
    }

    Org org() {
        Person owner = person("owner");
        var created = api.postJson("/api/v1/organizations", "{\"name\":\"Org " + SEQ.incrementAndGet() + "\"}", owner.token());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().at("/data/id").asText();
        Org org = new Org(id, owner, person("admin"), person("member"), person("viewer"), person("outsider"));
        add(org, org.admin(), "admin");
        add(org, org.member(), "member");
        add(org, org.viewer(), "viewer");
        return org;
    }

    void add(Org org, Person who, String role) {
        var r = api.postJson(org.path() + "/members", "{\"user_id\":\"" + who.id() + "\",\"role\":\"" + role + "\"}",
                org.owner().token());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
}
