package dev.gatehouse.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class ApiKeysApiTest extends ApiTestBase {
    String owner;
    String member;
    String outsider;
    String org;
    String project;
    /** Every log line of the test class, at DEBUG and above, to prove no secret is ever logged. */
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final List<String> issuedKeys = new ArrayList<>();
    Level rootLevel;

    @BeforeAll
    void setUp() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        owner = api.userToken(gatehouse, "keys-owner-" + tag + "@example.com", false);
        member = api.userToken(gatehouse, "keys-member-" + tag + "@example.com", false);
        outsider = api.userToken(gatehouse, "keys-outsider-" + tag + "@example.com", false);
        var o = api.postJson("/api/v1/organizations", "{\"name\":\"Keys " + tag + "\"}", owner);
        assertThat(o.status()).as(o.body()).isEqualTo(201);
        org = o.json().at("/data/id").asText();
        String memberId = api.get("/api/v1/me", member).json().at("/data/id").asText();
        var added = api.postJson("/api/v1/organizations/" + org + "/members", "{\"user_id\":\"" + memberId
                + "\",\"role\":\"member\"}", owner);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        var p = api.postJson("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Keyed\"}", owner);
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        project = p.json().at("/data/id").asText();
    }

    @AfterAll
    void noIssuedKeyAppearsInAnyLogLine() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        List<ILoggingEvent> lines;
        synchronized (logs) { // appends are synchronized on the appender; a job's thread may still be logging
            lines = new ArrayList<>(logs.list);
        }
        assertThat(issuedKeys).isNotEmpty();
        assertThat(lines).isNotEmpty();
        for (ILoggingEvent e : lines) {
            String line = e.getFormattedMessage() + " " + e.getMDCPropertyMap()
                    + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            for (String key : issuedKeys) {
                assertThat(line).as("log line of %s", e.getLoggerName()).doesNotContain(key).doesNotContain(key.substring(12));
            }
        }
    }

    private String issueOrganizationKey(String scopes) {
        var r = api.postJson("/api/v1/api-keys", "{\"organization_id\":\"" + org + "\",\"name\":\"backend\",\"scopes\":" + scopes + "}",
                owner, "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String key = r.json().at("/data/key").asText();
        issuedKeys.add(key);
        return key;
    }

    private Api.Response verify(String key, String token) {
        return api.postJson("/api/v1/api-keys/verify", "{\"key\":\"" + key + "\"}", token);
    }

    @Test
    void createUseVerifyRevokeThenUnauthorizedAtOnce() {
        String key = issueOrganizationKey("[\"projects:read\"]");
        assertThat(key).startsWith("sk_live_").hasSize(54);

        var read = api.get("/api/v1/projects/" + project, key);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        var list = api.get("/api/v1/projects", key);
        assertThat(list.json().path("data")).extracting(p -> p.path("id").asText()).contains(project);
        var write = api.postJson("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Nope\"}", key);
        ErrorResponsesTest.assertProblem(write, 403, "access_denied");
        assertThat(write.body()).contains("projects:write");

        var verified = verify(key, owner);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().at("/data/valid").asBoolean()).isTrue();
        assertThat(verified.json().at("/data/code").asText()).isEqualTo("VALID");
        assertThat(verified.json().at("/data/organization_id").asText()).isEqualTo(org);
        assertThat(verified.json().at("/data/scopes").toString()).isEqualTo("[\"projects:read\"]");
        String keyId = verified.json().at("/data/key_id").asText();
        assertThat(keyId).startsWith("key_");
        var scoped = api.postJson("/api/v1/api-keys/verify", "{\"key\":\"" + key + "\",\"scopes\":[\"projects:write\"]}", owner);
        assertThat(scoped.json().at("/data/code").asText()).isEqualTo("INSUFFICIENT_SCOPES");
        assertThat(verify(key, outsider).json().at("/data/code").asText()).isEqualTo("NOT_FOUND");

        var got = api.get("/api/v1/api-keys/" + keyId, owner);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().at("/data/prefix").asText()).isEqualTo(key.substring(0, 12) + "…");
        assertThat(got.json().path("data").has("key")).isFalse();
        assertThat(got.body()).doesNotContain(key.substring(12));

        assertThat(api.delete("/api/v1/api-keys/" + keyId, owner).status()).isEqualTo(204);
        var after = api.get("/api/v1/projects/" + project, key);
        ErrorResponsesTest.assertProblem(after, 401, "unauthorized");
        assertThat(after.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
        assertThat(verify(key, owner).json().at("/data/code").asText()).isEqualTo("REVOKED");
        assertThat(verify(key, owner).json().at("/data/valid").asBoolean()).isFalse();
    }

    @Test
    void membersIssueTestKeysForNonProductionEnvironmentsOnly() {
        var dev = api.postJson("/api/v1/projects/" + project + "/api-keys", "{\"name\":\"ci\",\"environment\":\"development\"}", member);
        assertThat(dev.status()).as(dev.body()).isEqualTo(201);
        String key = dev.json().at("/data/key").asText();
        issuedKeys.add(key);
        assertThat(key).startsWith("sk_test_");
        assertThat(dev.json().at("/data/scopes").toString()).contains("projects:read").doesNotContain("write");
        var prod = api.postJson("/api/v1/projects/" + project + "/api-keys", "{\"name\":\"ci\",\"environment\":\"production\"}", member);
        ErrorResponsesTest.assertProblem(prod, 403, "access_denied");
        var escalate = api.postJson("/api/v1/projects/" + project + "/api-keys",
                "{\"name\":\"ci\",\"environment\":\"development\",\"scopes\":[\"projects:write\"]}", member);
        ErrorResponsesTest.assertProblem(escalate, 422, "validation_failed");
        assertThat(escalate.json().at("/errors/scopes").toString()).contains("projects:write");
        var unheld = api.postJson("/api/v1/projects/" + project + "/api-keys",
                "{\"name\":\"ci\",\"environment\":\"development\",\"scopes\":[\"projects:read\",\"api-keys:verify\"]}", member);
        ErrorResponsesTest.assertProblem(unheld, 422, "validation_failed");
        assertThat(unheld.json().at("/errors/scopes").toString()).contains("api-keys:verify").doesNotContain("projects:read");
        var unknown = api.postJson("/api/v1/projects/" + project + "/api-keys",
                "{\"name\":\"ci\",\"environment\":\"development\",\"scopes\":[\"nope:read\"]}", member);
        ErrorResponsesTest.assertProblem(unknown, 422, "validation_failed");
        ErrorResponsesTest.assertProblem(api.postJson("/api/v1/projects/" + project + "/api-keys",
                "{\"name\":\"ci\",\"environment\":\"development\"}", outsider), 404, "not_found");

        var listed = api.get("/api/v1/projects/" + project + "/api-keys", member);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("data")).hasSize(1);
        assertThat(listed.body()).doesNotContain(key.substring(12));
        ErrorResponsesTest.assertProblem(api.get("/api/v1/projects/" + project + "/api-keys", outsider), 404, "not_found");
        assertThat(api.get("/api/v1/api-keys?organization_id=" + org, owner).status()).isEqualTo(200);
    }

    @Test
    void aRetriedIssueReplaysTheSameKeyWithoutItsSecret() {
        String body = "{\"organization_id\":\"" + org + "\",\"name\":\"twice\",\"scopes\":[\"projects:read\"]}";
        String idem = UUID.randomUUID().toString();
        var first = api.postJson("/api/v1/api-keys", body, owner, "Idempotency-Key", idem);
        var second = api.postJson("/api/v1/api-keys", body, owner, "Idempotency-Key", idem);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        String key = first.json().at("/data/key").asText();
        issuedKeys.add(key);
        assertThat(key).startsWith("sk_live_");
        assertThat(second.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).contains("true");
        assertThat(second.json().at("/data/id").asText()).isEqualTo(first.json().at("/data/id").asText());
        assertThat(second.json().path("data").has("key")).isFalse();
        assertThat(second.json().at("/data/secret_redacted").asBoolean()).isTrue();
        assertThat(second.body()).doesNotContain(key);
    }

    @Test
    void aKeyWithTheVerifyScopeVerifiesKeysOfItsOrganization() {
        String verifier = issueOrganizationKey("[\"api-keys:verify\"]");
        String other = issueOrganizationKey("[\"projects:read\"]");
        var r = verify(other, verifier);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/data/code").asText()).isEqualTo("VALID");
        var unscoped = verify(verifier, other);
        ErrorResponsesTest.assertProblem(unscoped, 403, "access_denied");
        assertThat(unscoped.body()).as("no verify scope").contains("\"required_scope\":\"api-keys:verify\"");
    }

    @Test
    void malformedAndUnknownKeysAreUnauthorized() {
        for (String bad : List.of("sk_live_garbage", "sk_test_" + "A".repeat(46))) {
            var r = api.get("/api/v1/projects", bad);
            ErrorResponsesTest.assertProblem(r, 401, "unauthorized");
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
        }
        ErrorResponsesTest.assertProblem(api.get("/api/v1/api-keys/key_nope", owner), 404, "not_found");
        var v = verify("sk_live_garbage", owner);
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.json().at("/data/code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void rotateReturnsTheNewKeyOnceAndBothWorkDuringTheGrace() {
        String old = issueOrganizationKey("[\"projects:read\"]");
        String oldId = verify(old, owner).json().at("/data/key_id").asText();
        var rotated = api.postJson("/api/v1/api-keys/" + oldId + "/rotate", "{\"grace_period_hours\":2}", owner);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().at("/message").asText()).isEqualTo("API key rotated successfully.");
        assertThat(rotated.json().at("/data/grace_period_ends_at").asText())
                .isEqualTo(rotated.json().at("/data/previous/rotation_ends_at").asText()).isNotEmpty();
        String fresh = rotated.json().at("/data/key").asText();
        issuedKeys.add(fresh);
        assertThat(fresh).startsWith("sk_live_").isNotEqualTo(old);
        assertThat(rotated.json().at("/data/previous/status").asText()).isEqualTo("rotating");
        assertThat(rotated.json().at("/data/previous/replaced_by").asText()).isEqualTo(rotated.json().at("/data/id").asText());
        assertThat(rotated.json().at("/data/previous/rotation_ends_at").asText()).isNotEmpty();
        assertThat(rotated.json().at("/data/previous").has("key")).isFalse();
        assertThat(rotated.json().at("/data/scopes").toString()).isEqualTo("[\"projects:read\"]");
        assertThat(api.get("/api/v1/projects/" + project, old).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/projects/" + project, fresh).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/api-keys/" + oldId, owner).json().at("/data/status").asText()).isEqualTo("rotating");

        ErrorResponsesTest.assertProblem(api.postJson("/api/v1/api-keys/" + oldId + "/rotate", "{}", owner), 409, "conflict");
        String newId = rotated.json().at("/data/id").asText();
        ErrorResponsesTest.assertProblem(api.postJson("/api/v1/api-keys/" + newId + "/rotate", "{\"grace_period_hours\":-1}",
                owner), 422, "validation_failed");
        var wrongType = api.postJson("/api/v1/api-keys/" + newId + "/rotate", "{\"grace_period_hours\":\"x\"}", owner);
        assertThat(wrongType.status()).as(wrongType.body()).isIn(400, 422);
        assertThat(wrongType.contentType()).startsWith("application/problem+json");
        ErrorResponsesTest.assertProblem(api.postJson("/api/v1/api-keys/" + newId + "/rotate", "{}", outsider), 404, "not_found");

        var immediate = api.send(api.request("/api/v1/api-keys/" + newId + "/rotate").header("Authorization", "Bearer " + owner)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(immediate.status()).as("no body: the default grace").isEqualTo(200);
        issuedKeys.add(immediate.json().at("/data/key").asText());
        assertThat(immediate.json().at("/data/previous/status").asText()).isEqualTo("rotating");
        var zero = api.postJson("/api/v1/api-keys/" + immediate.json().at("/data/id").asText() + "/rotate",
                "{\"grace_period_hours\":0}", owner);
        assertThat(zero.status()).as(zero.body()).isEqualTo(200);
        issuedKeys.add(zero.json().at("/data/key").asText());
        assertThat(zero.json().at("/data/previous/status").asText()).isEqualTo("revoked");
        ErrorResponsesTest.assertProblem(api.get("/api/v1/projects/" + project, immediate.json().at("/data/key").asText()),
                401, "unauthorized");
    }
}
