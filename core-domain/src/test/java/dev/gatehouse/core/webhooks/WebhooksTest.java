package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.FastHasher;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.tenancy.CreateOrganization;
import dev.gatehouse.core.tenancy.projects.CreateProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static dev.gatehouse.core.contract.Fixtures.someUser;
import static org.assertj.core.api.Assertions.assertThat;

class WebhooksTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final Caller owner = someUser();
    private final Caller viewer = someUser();
    private final Caller outsider = someUser();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private Function<Sent, WebhookSender.Response> answer = s -> ok();
    private final dev.gatehouse.core.shared.crypto.SecretSealer sealer = dev.gatehouse.core.shared.crypto.SecretSealer.ephemeral();
    private Gatehouse g;
    private OrganizationId org;
    private OrganizationId other;

    record Sent(UrlGuard.Target target, Map<String, String> headers, String body) {
    }

    static WebhookSender.Response ok() {
        return new WebhookSender.Response(200, "{\"ok\":true}", null, 3, null);
    }

    static WebhookSender.Response status(int code) {
        return new WebhookSender.Response(code, "nope", null, 3, null);
    }

    /** hooks.example.com and other names resolve to a public address; internal.example to 10.0.0.5. */
    static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.equals("internal.example")) {
            return new InetAddress[]{InetAddress.getByAddress(host, new byte[]{10, 0, 0, 5})};
        }
        if (host.equals("rebind.example")) {
            return new InetAddress[]{InetAddress.getByAddress(host, new byte[]{93, (byte) 184, (byte) 216, 34}),
                    InetAddress.getByAddress(host, new byte[]{(byte) 169, (byte) 254, (byte) 169, (byte) 254})};
        }
        if (host.equals("nowhere.example")) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[]{InetAddress.getByAddress(host, new byte[]{93, (byte) 184, (byte) 216, 34})};
    }

    /** Whatever a test made the code deliver, the event-type catalog lists. */
    @org.junit.jupiter.api.AfterEach
    void everyDeliveredEventIsInTheCatalog() {
        var catalog = dev.gatehouse.core.webhooks.EventTypes.all().stream().map(dev.gatehouse.core.webhooks.EventTypes.EventType::type)
                .toList();
        assertThat(g.stores().platform().eventOutbox().after(null, 100_000)).allSatisfy(e -> assertThat(catalog).contains(e.type()));
    }

    @BeforeEach
    void setUp() {
        g = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).secretSealer(sealer)
                .webhookGuard(new UrlGuard(false, List.of(), WebhooksTest::resolve))
                .webhookSender((target, headers, body, timeout) -> {
                    Sent s = new Sent(target, Map.copyOf(headers), new String(body, StandardCharsets.UTF_8));
                    sent.add(s);
                    return answer.apply(s);
                }).build();
        org = g.tenancy().createOrganization().handle(new CreateOrganization.Command(owner, "Acme", null, null, null)).value().id();
        other = g.tenancy().createOrganization().handle(new CreateOrganization.Command(outsider, "Globex", null, null, null)).value().id();
        var written = g.platform().authorizer().write(List.of(RelationshipUpdate.touch(Relationship.of(
                new ObjectRef("organization", org.text()), "viewer",
                SubjectRef.of("user", ((Principal.User) viewer.principal()).userId().text())))));
        assertThat(written.isOk()).isTrue();
        g.webhooks().dispatcher().runOnce(); // the setup's own events, before any endpoint
    }

    private ManageWebhooks.WithSecret create(List<String> events) {
        var r = g.webhooks().manage().create(new ManageWebhooks.Create(owner, org, "https://hooks.example.com/in", events, "CI", null, null));
        assertThat(r.isOk()).as(String.valueOf(r)).isTrue();
        return r.value();
    }

    private void project(String name) {
        assertThat(g.tenancy().createProject().handle(new CreateProject.Command(owner, org, name, null, null)).isOk()).isTrue();
    }

    static String hmac(String secret, String id, String ts, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal((id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void createShowsTheSecretOnceAndSealsIt() {
        var created = create(List.of("*"));
        assertThat(created.secret()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(created.secret().substring(6))).hasSizeGreaterThanOrEqualTo(24);
        byte[] raw = Base64.getDecoder().decode(created.secret().substring(6));
        var stored = g.stores().webhooks().endpoints().byId(created.endpoint().id()).orElseThrow();
        assertThat(new String(stored.sealedSecret(), StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(raw, StandardCharsets.ISO_8859_1));
        assertThat(sealer.open(stored.sealedSecret(), stored.id().text())).hasValueSatisfying(
                k -> assertThat(k).isEqualTo(raw));
        assertThat(stored.toString()).doesNotContain(created.secret());
        assertThat(g.webhooks().manage().get(owner, created.endpoint().id()).value().url()).isEqualTo("https://hooks.example.com/in");
        assertThat(g.webhooks().manage().list(owner, org, ListQuery.firstPage()).value().items()).hasSize(1);
        assertThat(g.webhooks().manage().get(outsider, created.endpoint().id()).failure().reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(g.webhooks().manage().delete(viewer, created.endpoint().id()).failure().reason()).isEqualTo(Reason.FORBIDDEN);
    }

    @Test
    void urlsMustBeHttpsAndPublic() {
        for (String url : List.of("http://hooks.example.com/x", "ftp://hooks.example.com/x", "https://internal.example/x",
                "https://127.0.0.1/x", "https://[::1]/x", "https://169.254.169.254/latest", "https://[::ffff:10.0.0.1]/x",
                "https://[fd00::1]/x", "https://10.1.2.3/", "https://192.168.1.1/", "https://rebind.example/",
                "https://user:pw@hooks.example.com/", "https://nowhere.example/", "https://0.0.0.0/", "not a url")) {
            var r = g.webhooks().manage().create(new ManageWebhooks.Create(owner, org, url, List.of("*"), null, null, null));
            assertThat(r.isOk()).as(url).isFalse();
            assertThat(r.failure().reason()).as(url).isEqualTo(Reason.VALIDATION);
            assertThat(r.failure().fieldErrors()).as(url).containsKey("url");
        }
        var badEvents = g.webhooks().manage().create(new ManageWebhooks.Create(owner, org, "https://hooks.example.com/", List.of("Project!"),
                null, null, null));
        assertThat(badEvents.failure().fieldErrors()).containsKey("events");
    }

    @Test
    void allowListAndHttpForDevelopment() {
        UrlGuard dev = new UrlGuard(true, UrlGuard.cidrs("127.0.0.0/8, ::1/128"), WebhooksTest::resolve);
        assertThat(dev.check("http://127.0.0.1:8080/hook").ok()).isTrue();
        assertThat(dev.check("http://[::1]:8080/hook").ok()).isTrue();
        assertThat(dev.check("http://10.0.0.1/hook").ok()).isFalse();
        assertThat(UrlGuard.strict().check("http://127.0.0.1/").ok()).isFalse();
    }

    @Test
    void deliversMatchingEventsSignedTheStandardWebhooksWay() throws Exception {
        var all = create(List.of("*"));
        var projects = create(List.of("project.*"));
        var exact = create(List.of("member.added"));
        var mine = g.webhooks().manage().create(new ManageWebhooks.Create(outsider, other, "https://hooks.example.com/other",
                List.of("*"), null, null, null)).value();
        g.webhooks().dispatcher().runOnce(); // the webhook.created events go to the "*" endpoints
        sent.clear();
        project("Web");
        g.webhooks().dispatcher().runOnce();
        // project.created (and environment.created x2) → all; project.created → projects; nothing to exact or other org
        assertThat(sent).extracting(s -> s.target().uri().getPath()).doesNotContain("/other");
        var forAll = g.webhooks().manage().deliveries(owner, all.endpoint().id(), null, PageRequest.first()).value().items();
        var forProjects = g.webhooks().manage().deliveries(owner, projects.endpoint().id(), null, PageRequest.first()).value().items();
        assertThat(forAll).extracting(WebhookDelivery::eventType).contains("project.created", "environment.created",
                "webhook.created");
        assertThat(forProjects).extracting(WebhookDelivery::eventType).containsOnly("project.created");
        assertThat(g.webhooks().manage().deliveries(owner, exact.endpoint().id(), null, PageRequest.first()).value().items()).isEmpty();
        assertThat(g.webhooks().manage().deliveries(outsider, mine.endpoint().id(), null, PageRequest.first()).value().items())
                .extracting(WebhookDelivery::eventType).containsOnly("webhook.created");
        assertThat(forAll).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.SUCCESS);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.responseCode()).isEqualTo(200);
        });
        Sent s = sent.stream().filter(x -> x.body().contains("\"project.created\"")).findFirst().orElseThrow();
        String id = s.headers().get("webhook-id");
        String ts = s.headers().get("webhook-timestamp");
        assertThat(id).startsWith("evt_");
        assertThat(ts).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(s.body()).startsWith("{\"type\":\"project.created\",\"timestamp\":\"2026-03-01T12:00:00Z\",\"data\":{");
        String sig = s.headers().get("webhook-signature");
        String expected = "v1," + hmac(s.target().uri().getPath().equals("/in") ? all.secret() : projects.secret(), id, ts, s.body());
        // the same event goes to two endpoints with different secrets: one of them signed this request
        boolean matches = sig.equals("v1," + hmac(all.secret(), id, ts, s.body()))
                || sig.equals("v1," + hmac(projects.secret(), id, ts, s.body()));
        assertThat(matches).as(expected).isTrue();
        // nothing is delivered twice
        int before = sent.size();
        assertThat(g.webhooks().dispatcher().runOnce()).isZero();
        assertThat(sent).hasSize(before);
    }

    @Test
    void retriesOnTheScheduleThenFails() {
        var e = create(List.of("project.*"));
        answer = s -> status(500);
        project("Web");
        assertThat(g.webhooks().dispatcher().runOnce()).isEqualTo(1);
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < RetrySchedule.DELAYS.size(); i++) {
            var d = g.webhooks().manage().deliveries(owner, e.endpoint().id(), null, PageRequest.first()).value().items().get(0);
            assertThat(d.status()).isEqualTo(DeliveryStatus.RETRYING);
            assertThat(d.attempts()).isEqualTo(i + 1);
            Duration delay = Duration.between(clock.instant(), d.nextAttemptAt());
            Duration base = RetrySchedule.DELAYS.get(i);
            assertThat(delay).isBetween(base.multipliedBy(9).dividedBy(10), base.multipliedBy(11).dividedBy(10));
            delays.add(delay);
            clock.advance(delay.minusMillis(1));
            assertThat(g.webhooks().dispatcher().runOnce()).as("not before it is due").isZero();
            clock.advance(Duration.ofMillis(1));
            assertThat(g.webhooks().dispatcher().runOnce()).isEqualTo(1);
        }
        var d = g.webhooks().manage().deliveries(owner, e.endpoint().id(), "failed", PageRequest.first()).value().items();
        assertThat(d).hasSize(1);
        assertThat(d.get(0).attempts()).isEqualTo(10);
        assertThat(d.get(0).nextAttemptAt()).isNull();
        assertThat(d.get(0).responseCode()).isEqualTo(500);
        assertThat(d.get(0).responseExcerpt()).isEqualTo("nope");
        clock.advance(Duration.ofDays(30));
        assertThat(g.webhooks().dispatcher().runOnce()).isZero();
        assertThat(sent).hasSize(10);
        // the schedule took about 3.2 days; the endpoint has been failing since the first attempt (< 5 days): still active
        assertThat(g.webhooks().manage().get(owner, e.endpoint().id()).value().active()).isTrue();
    }

    @Test
    void anEndpointFailingForFiveDaysIsDisabled() {
        var e = create(List.of("*"));
        answer = s -> status(503);
        project("One");
        g.webhooks().dispatcher().runOnce();
        clock.advance(Duration.ofDays(5).minusMinutes(1));
        project("Two");
        g.webhooks().dispatcher().runOnce();
        assertThat(g.webhooks().manage().get(owner, e.endpoint().id()).value().active()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        project("Three");
        g.webhooks().dispatcher().runOnce();
        var ep = g.webhooks().manage().get(owner, e.endpoint().id()).value();
        assertThat(ep.active()).isFalse();
        assertThat(ep.disabledReason()).contains("5 days");
        assertThat(g.stores().platform().eventOutbox().after(null, 1000)).extracting(DomainEvent::type).contains("webhook.endpoint_disabled");
        int before = sent.size();
        clock.advance(Duration.ofDays(2));
        g.webhooks().dispatcher().runOnce();
        assertThat(sent).hasSize(before); // disabled: nothing more is attempted
        assertThat(g.webhooks().manage().deliveries(owner, e.endpoint().id(), "retrying", PageRequest.first()).value().items()).isEmpty();
    }

    @Test
    void goneDisablesAtOnceAndRedirectsAreFailures() {
        var e = create(List.of("*"));
        answer = s -> status(302);
        project("One");
        g.webhooks().dispatcher().runOnce();
        var d = g.webhooks().manage().deliveries(owner, e.endpoint().id(), "retrying", PageRequest.first()).value().items();
        assertThat(d).isNotEmpty();
        assertThat(d.get(0).error()).contains("redirect");
        answer = s -> status(410);
        clock.advance(Duration.ofSeconds(6));
        g.webhooks().dispatcher().runOnce();
        var ep = g.webhooks().manage().get(owner, e.endpoint().id()).value();
        assertThat(ep.active()).isFalse();
        assertThat(ep.disabledReason()).contains("410");
        assertThat(g.stores().platform().eventOutbox().after(null, 1000)).extracting(DomainEvent::type).contains("webhook.endpoint_disabled");
        // re-enabling clears the failing state
        var re = g.webhooks().manage().update(new ManageWebhooks.Update(owner, e.endpoint().id(), null, null, null, true)).value();
        assertThat(re.active()).isTrue();
        assertThat(re.failingSince()).isNull();
    }

    @Test
    void retryAfterIsHonoured() {
        var e = create(List.of("project.*"));
        answer = s -> new WebhookSender.Response(429, "", Duration.ofHours(1), 1, null);
        project("Web");
        g.webhooks().dispatcher().runOnce();
        var d = g.webhooks().manage().deliveries(owner, e.endpoint().id(), null, PageRequest.first()).value().items().get(0);
        assertThat(d.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void rotationSignsWithBothSecretsDuringTheGracePeriod() throws Exception {
        var e = create(List.of("project.*"));
        var rotated = g.webhooks().manage().rotateSecret(owner, e.endpoint().id(), 1, null).value();
        assertThat(rotated.secret()).isNotEqualTo(e.secret());
        project("One");
        g.webhooks().dispatcher().runOnce();
        Sent s = sent.get(sent.size() - 1);
        String id = s.headers().get("webhook-id");
        String ts = s.headers().get("webhook-timestamp");
        assertThat(s.headers().get("webhook-signature")).isEqualTo(
                "v1," + hmac(rotated.secret(), id, ts, s.body()) + " v1," + hmac(e.secret(), id, ts, s.body()));
        clock.advance(Duration.ofHours(1));
        project("Two");
        g.webhooks().dispatcher().runOnce();
        Sent later = sent.get(sent.size() - 1);
        assertThat(later.headers().get("webhook-signature")).isEqualTo("v1," + hmac(rotated.secret(),
                later.headers().get("webhook-id"), later.headers().get("webhook-timestamp"), later.body()));
    }

    @Test
    void manualRetryTestAndReplay() {
        var e = create(List.of("project.*"));
        answer = s -> status(500);
        project("Web");
        g.webhooks().dispatcher().runOnce();
        var failed = g.webhooks().manage().deliveries(owner, e.endpoint().id(), null, PageRequest.first()).value().items().get(0);
        answer = s -> ok();
        var queued = g.webhooks().manage().retry(owner, e.endpoint().id(), failed.id()).value();
        assertThat(queued.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(g.webhooks().dispatcher().runOnce()).isEqualTo(1);
        var done = g.stores().webhooks().deliveries().byId(failed.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(DeliveryStatus.SUCCESS);
        assertThat(done.attempts()).isEqualTo(2);
        var again = g.webhooks().manage().retry(owner, e.endpoint().id(), failed.id());
        assertThat(again.failure().reason()).isEqualTo(Reason.INVALID_STATE);
        assertThat(again.failure().details()).containsEntry("error", "cannot_retry");

        var test = g.webhooks().manage().test(owner, e.endpoint().id()).value();
        assertThat(test.status()).isEqualTo(DeliveryStatus.SUCCESS);
        assertThat(test.eventType()).isEqualTo("webhook.test");
        assertThat(sent.get(sent.size() - 1).body()).contains("\"webhook.test\"");

        clock.advance(Duration.ofMinutes(1));
        Instant since = clock.instant();
        project("Later");
        g.webhooks().dispatcher().runOnce();
        int before = sent.size();
        assertThat(g.webhooks().manage().replay(owner, e.endpoint().id(), since).value()).isEqualTo(1);
        assertThat(g.webhooks().manage().replay(owner, e.endpoint().id(), clock.instant().plusSeconds(5)).isOk()).isFalse();
        g.webhooks().dispatcher().runOnce();
        assertThat(sent).hasSize(before + 1);
        assertThat(sent.get(sent.size() - 1).body()).contains("\"Later\"");
    }

    @Test
    void endpointsTakePlanSlots() {
        List<ManageWebhooks.WithSecret> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(create(List.of("*")));
        }
        var fourth = g.webhooks().manage().create(new ManageWebhooks.Create(owner, org, "https://hooks.example.com/4", List.of("*"),
                null, null, null));
        assertThat(fourth.failure().reason()).isEqualTo(Reason.LIMIT_REACHED);
        assertThat(g.webhooks().manage().delete(owner, made.get(0).endpoint().id()).isOk()).isTrue();
        assertThat(g.webhooks().manage().create(new ManageWebhooks.Create(owner, org, "https://hooks.example.com/4", List.of("*"),
                null, null, null)).isOk()).isTrue();
    }

    @Test
    void theConnectionTimeCheckRefusesAUrlThatNowResolvesPrivately() {
        var e = create(List.of("project.*"));
        // the stored URL's name now points inside (DNS rebinding): refused before any request
        g.stores().webhooks().endpoints().update(e.endpoint().withSettings("https://internal.example/in", List.of("project.*"), null,
                true, null, null, 0, clock.instant()).withSecrets(
                g.stores().webhooks().endpoints().byId(e.endpoint().id()).orElseThrow().sealedSecret(), null, null, clock.instant()));
        project("Web");
        g.webhooks().dispatcher().runOnce();
        assertThat(sent).isEmpty();
        var d = g.webhooks().manage().deliveries(owner, e.endpoint().id(), null, PageRequest.first()).value().items().get(0);
        assertThat(d.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(d.error()).contains("refused");
    }

    @Test
    void theEventTypeCatalogListsEveryTypeTheCodeRecords() throws Exception {
        // events are recorded only as records of the sealed family: no call passes a type as a string any more
        java.util.Set<String> stringTyped = new java.util.TreeSet<>();
        java.util.regex.Pattern call = java.util.regex.Pattern.compile("events(?:\\(\\))?\\.record\\(\\s*\"([a-z_.]+)\"");
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src", "main", "java"))) {
            for (var f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                var m = call.matcher(java.nio.file.Files.readString(f));
                while (m.find()) {
                    stringTyped.add(m.group(1));
                }
            }
        }
        assertThat(stringTyped).isEmpty();
        assertThat(java.util.Arrays.stream(dev.gatehouse.core.events.Events.class.getMethods())
                .filter(m -> m.getName().equals("record")).map(m -> List.of(m.getParameterTypes())))
                .containsExactly(List.of(dev.gatehouse.core.events.Event.class));
        java.util.Set<String> recorded = new java.util.TreeSet<>();
        dev.gatehouse.core.events.EventCatalog.recordClasses()
                .forEach(c -> recorded.add(dev.gatehouse.core.events.EventCodec.type(c)));
        recorded.add(dev.gatehouse.core.entitlements.Entitlements.THRESHOLD_EVENT);
        assertThat(recorded).hasSizeGreaterThan(20).contains("project.created", "webhook.endpoint_disabled",
                "access_request.submitted", "access_request.approved", "access_grant.revoked");
        var catalog = EventTypes.all().stream().map(EventTypes.EventType::type).toList();
        assertThat(catalog).containsAll(recorded).doesNotHaveDuplicates();
        assertThat(EventTypes.all()).allSatisfy(t -> {
            assertThat(t.description()).isNotBlank();
            assertThat(EventTypes.examplePayload(t)).startsWith("{\"type\":\"" + t.type() + "\"");
        });
    }
}
