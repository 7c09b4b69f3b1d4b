package dev.gatehouse.http;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.gatehouse.http.ErrorResponsesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class OrganizationsApiTest extends ApiTestBase {
    @Nested
    class Create {
        @Test
        void createsWith201TheCallerAsOwnerAndASlugFromTheName() {
            var ada = tenants.person("ada");
            var r = api.postJson("/api/v1/organizations", "{\"name\":\"Ada's Äpfel GmbH\",\"settings\":{\"timezone\":\"Europe/Berlin\",\"locale\":\"de_DE\"}}",
                    ada.token());
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            var data = r.json().path("data");
            assertThat(data.path("id").asText()).startsWith("org_");
            assertThat(data.path("slug").asText()).startsWith("ada-s-apfel-gmbh");
            assertThat(data.path("tier").asText()).isEqualTo("free");
            assertThat(data.at("/settings/timezone").asText()).isEqualTo("Europe/Berlin");
            assertThat(data.at("/settings/locale").asText()).isEqualTo("de-DE");
            assertThat(r.header("Location")).isEqualTo("/api/v1/organizations/" + data.path("id").asText());
            var members = api.get("/api/v1/organizations/" + data.path("id").asText() + "/members", ada.token()).json();
            assertThat(members.at("/data/0/user_id").asText()).isEqualTo(ada.id());
            assertThat(members.at("/data/0/role").asText()).isEqualTo("owner");
        }

        @Test
        void ignoresMassAssignedFields() {
            var ada = tenants.person("ada");
            var r = api.postJson("/api/v1/organizations", "{\"name\":\"Sneaky\",\"id\":\"org_01h455vb4pex5vsknk084sn02q\","
                    + "\"tier\":\"enterprise\",\"created_at\":\"2000-01-01T00:00:00Z\",\"deleted_at\":\"2000-01-01T00:00:00Z\","
                    + "\"organization_id\":\"org_01h455vb4pex5vsknk084sn02q\"}", ada.token());
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            var data = r.json().path("data");
            assertThat(data.path("id").asText()).isNotEqualTo("org_01h455vb4pex5vsknk084sn02q");
            assertThat(data.path("tier").asText()).isEqualTo("free");
            assertThat(data.path("created_at").asText()).doesNotStartWith("2000");
            assertThat(api.get("/api/v1/organizations/" + data.path("id").asText(), ada.token()).status()).isEqualTo(200);
            var patched = tenants.patch("/api/v1/organizations/" + data.path("id").asText(),
                    "{\"tier\":\"enterprise\",\"deleted_at\":\"2000-01-01T00:00:00Z\",\"name\":\"Still Sneaky\"}", ada.token());
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            assertThat(patched.json().at("/data/tier").asText()).isEqualTo("free");
            assertThat(patched.json().at("/data/name").asText()).isEqualTo("Still Sneaky");
        }

        @Test
        void aTakenSlugIs409() {
            var ada = tenants.person("ada");
            assertThat(api.postJson("/api/v1/organizations", "{\"name\":\"One\",\"slug\":\"taken-slug\"}", ada.token()).status()).isEqualTo(201);
            assertProblem(api.postJson("/api/v1/organizations", "{\"name\":\"Two\",\"slug\":\"taken-slug\"}", ada.token()), 409, "conflict");
        }

        @Test
        void rejectsInvalidFieldsWith422NamingEach() {
            var ada = tenants.person("ada");
            var r = api.postJson("/api/v1/organizations", "{\"slug\":\"Not A Slug\",\"settings\":{\"timezone\":\"Nowhere/Land\",\"locale\":\"!!\"}}",
                    ada.token());
            assertProblem(r, 422, "validation_failed");
            assertThat(r.json().path("errors").has("name")).isTrue();
            assertThat(r.json().path("errors").has("slug")).isTrue();
            assertThat(r.json().path("errors").has("settings.timezone")).isTrue();
            assertThat(r.json().path("errors").has("settings.locale")).isTrue();
            assertProblem(api.postJson("/api/v1/organizations", "{\"name\":\"" + "x".repeat(201) + "\"}", ada.token()),
                    422, "validation_failed");
        }

        @Test
        void needsAuthentication() {
            assertProblem(api.postJson("/api/v1/organizations", "{\"name\":\"Anon\"}", null), 401, "unauthorized");
        }
    }

    @Nested
    class ListAndRead {
        @Test
        void listsOnlyTheCallersOrganizationsWithTheEnvelope() {
            var org = tenants.org();
            var viewerList = api.get("/api/v1/organizations", org.viewer().token()).json();
            assertThat(viewerList.path("data")).hasSize(1);
            assertThat(viewerList.at("/data/0/id").asText()).isEqualTo(org.id());
            assertThat(viewerList.at("/meta/total").asInt()).isEqualTo(1);
            assertThat(viewerList.at("/links/first").asText()).isEqualTo("/api/v1/organizations?page=1");
            assertThat(api.get("/api/v1/organizations", org.outsider().token()).json().at("/meta/total").asInt()).isZero();
            var all = api.get("/api/v1/organizations?per_page=100", api.adminToken()).json();
            assertThat(all.at("/meta/total").asInt()).isGreaterThanOrEqualTo(1);
        }

        @Test
        void sortsSearchesAndPages() {
            var ada = tenants.person("ada");
            for (String name : List.of("Charlie", "alpha", "Bravo")) {
                api.postJson("/api/v1/organizations", "{\"name\":\"" + name + " Sort\"}", ada.token());
            }
            var bySlug = api.get("/api/v1/organizations?sort=slug", ada.token()).json();
            List<String> slugs = new ArrayList<>();
            bySlug.path("data").forEach(o -> slugs.add(o.path("slug").asText()));
            assertThat(slugs).containsExactly("alpha-sort", "bravo-sort", "charlie-sort");
            var page = api.get("/api/v1/organizations?sort=-name&per_page=2&page=2", ada.token()).json();
            assertThat(page.at("/meta/total").asInt()).isEqualTo(3);
            assertThat(page.at("/data/0/name").asText()).isEqualTo("Bravo Sort");
            assertThat(api.get("/api/v1/organizations?search=BRAV", ada.token()).json().at("/meta/total").asInt()).isEqualTo(1);
            assertProblem(api.get("/api/v1/organizations?sort=tier", ada.token()), 422, "validation_failed");
        }

        @Test
        void everyRoleReadsButOutsidersGet404() {
            var org = tenants.org();
            for (var who : List.of(org.owner(), org.admin(), org.member(), org.viewer())) {
                var r = api.get(org.path(), who.token());
                assertThat(r.status()).as(who.email()).isEqualTo(200);
                assertThat(r.json().at("/data/id").asText()).isEqualTo(org.id());
            }
            assertProblem(api.get(org.path(), org.outsider().token()), 404, "not_found");
        }

        @Test
        void idsOfTheWrongShapeAre404() {
            var ada = tenants.person("ada");
            assertProblem(api.get("/api/v1/organizations/usr_01h455vb4pex5vsknk084sn02q", ada.token()), 404, "not_found");
            assertProblem(api.get("/api/v1/organizations/nonsense", ada.token()), 404, "not_found");
            assertProblem(api.get("/api/v1/organizations/org_01h455vb4pex5vsknk084sn02q", ada.token()), 404, "not_found");
        }
    }

    @Nested
    class Update {
        @Test
        void ownersAndAdminsUpdateNameSlugAndSettings() {
            var org = tenants.org();
            var r = tenants.patch(org.path(), "{\"name\":\"Renamed\",\"slug\":\"renamed-" + org.id().substring(20).toLowerCase()
                    + "\",\"settings\":{\"timezone\":\"Asia/Tokyo\"}}", org.admin().token());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().at("/data/name").asText()).isEqualTo("Renamed");
            assertThat(r.json().at("/data/settings/timezone").asText()).isEqualTo("Asia/Tokyo");
            assertThat(r.json().at("/data/settings/locale").asText()).isEqualTo("en");
        }

        @Test
        void membersAndViewersGet403AndOutsiders404() {
            var org = tenants.org();
            for (var who : List.of(org.member(), org.viewer())) {
                var r = tenants.patch(org.path(), "{\"name\":\"Nope\"}", who.token());
                assertProblem(r, 403, "access_denied");
                assertThat(r.json().path("required_scope").asText()).isEqualTo("organizations:write");
            }
            assertProblem(tenants.patch(org.path(), "{\"name\":\"Nope\"}", org.outsider().token()), 404, "not_found");
        }

        @Test
        void rejectsInvalidSettingsWith422() {
            var org = tenants.org();
            var r = tenants.patch(org.path(), "{\"settings\":{\"locale\":\"12345678901\"}}", org.owner().token());
            assertProblem(r, 422, "validation_failed");
            assertThat(r.json().path("errors").has("settings.locale")).isTrue();
        }
    }

    @Nested
    class Delete {
        @Test
        void onlyOwnersDeleteThenItIs404ForEveryone() {
            var org = tenants.org();
            assertProblem(tenants.delete(org.path(), org.admin().token()), 403, "access_denied");
            assertProblem(tenants.delete(org.path(), org.outsider().token()), 404, "not_found");
            var r = tenants.delete(org.path(), org.owner().token());
            assertThat(r.status()).isEqualTo(204);
            assertThat(r.body()).isEmpty();
            for (var who : List.of(org.owner(), org.admin(), org.member(), org.viewer())) {
                assertProblem(api.get(org.path(), who.token()), 404, "not_found");
                assertProblem(api.get(org.path() + "/members", who.token()), 404, "not_found");
            }
            assertProblem(api.get(org.path(), api.adminToken()), 404, "not_found");
            assertProblem(tenants.delete(org.path(), org.owner().token()), 404, "not_found");
        }
    }
}
