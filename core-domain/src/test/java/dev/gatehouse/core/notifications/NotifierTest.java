package dev.gatehouse.core.notifications;

import dev.gatehouse.core.FastHasher;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.approvals.AccessRequest;
import dev.gatehouse.core.approvals.AccessRequestView;
import dev.gatehouse.core.approvals.ApproverDirectory;
import dev.gatehouse.core.approvals.Decision;
import dev.gatehouse.core.approvals.DecideAccessRequest;
import dev.gatehouse.core.approvals.ManagePolicies;
import dev.gatehouse.core.approvals.ManageWorkflows;
import dev.gatehouse.core.approvals.SubmitAccessRequest;
import dev.gatehouse.core.identity.CreateUser;
import dev.gatehouse.core.keys.IssueApiKey;
import dev.gatehouse.core.mail.MailDispatcher;
import dev.gatehouse.core.mail.MailQueue;
import dev.gatehouse.core.mail.MailSettings;
import dev.gatehouse.core.mail.MailTransport;
import dev.gatehouse.core.memory.MemoryMailOutbox;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.AccessRequestId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import dev.gatehouse.core.tenancy.AddMember;
import dev.gatehouse.core.tenancy.CreateOrganization;
import dev.gatehouse.core.tenancy.projects.CreateProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Notification mail from domain events, over the memory stores: recipients, once only, one link, no secret. */
class NotifierTest {
    private static final String CONSOLE = "https://console.example.com/";
    private static final Caller ROOT = new Caller(new Principal.User(new UserId(UUID.randomUUID()), "root@example.com", true),
            Origin.none());
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final List<MailTransport.Outgoing> sent = new ArrayList<>();
    private Gatehouse g;
    private MailDispatcher dispatcher;
    private MailQueue queue;
    private OrganizationId org;
    private String project;
    private Caller owner;
    private Caller admin;
    private Caller peer1;
    private Caller peer2;
    private Caller requester;

    @BeforeEach
    void setUp() {
        build(null);
    }

    /** A Gatehouse whose notifier finds approvers through {@code approvers} (null: the real directory), with users and an organization. */
    private void build(AccessRequest.StageApprovers approvers) {
        g = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).build();
        var outbox = new MemoryMailOutbox((MemoryTransactions) g.platform().transactions());
        SecretSealer sealer = SecretSealer.ephemeral();
        queue = new MailQueue(outbox, sealer, clock, g.platform().ids());
        dispatcher = new MailDispatcher(outbox, new MailTransport() {
            @Override
            public void send(Outgoing mail) {
                sent.add(mail);
            }

            @Override
            public String name() {
                return "test";
            }
        }, sealer, clock, MailSettings.defaults());
        react(approvers == null ? new ApproverDirectory(g.platform().authorizer()) : approvers);
        owner = user("olga@example.com", "Olga");
        admin = user("adam@example.com", "Adam");
        peer1 = user("pia@example.com", "Pia");
        peer2 = user("paul@example.com", "Paul");
        requester = user("rita@example.com", "Rita");
        org = ok(g.tenancy().createOrganization().handle(new CreateOrganization.Command(owner, "Acme <Labs>", null, null, null))).id();
        member(admin, "admin");
        member(peer1, "member");
        member(peer2, "member");
        member(requester, "member");
        project = ok(g.tenancy().createProject().handle(new CreateProject.Command(owner, org, "Web", null, null))).project().id().text();
    }

    private void react(AccessRequest.StageApprovers approvers) {
        var p = g.stores();
        g.events().react(new Notifier(queue, new Notifier.Sources(p.identity().users(), p.tenancy().memberships(),
                p.tenancy().organizations(), p.approvals().accessRequests(), p.keys().apiKeys(), approvers), new NotificationLinks(CONSOLE)));
    }

    private Caller user(String email, String name) {
        var u = ok(g.identity().createUser().handle(new CreateUser.Command(ROOT, email, "a long enough password", name, false)));
        return new Caller(new Principal.User(u.id(), email, false), Origin.none());
    }

    private static UserId id(Caller c) {
        return ((Principal.User) c.principal()).userId();
    }

    private void member(Caller who, String role) {
        ok(g.tenancy().addMember().handle(new AddMember.Command(owner, org, id(who).text(), null, role)));
    }

    private static <T> T ok(Result<T> r) {
        assertThat(r.isOk()).as(() -> r.failure().toString()).isTrue();
        return r.value();
    }

    /** Delivers what is queued; the mails delivered by this call. */
    private List<MailTransport.Outgoing> delivered() {
        int before = sent.size();
        dispatcher.drain();
        return List.copyOf(sent.subList(before, sent.size()));
    }

    private static List<String> recipients(List<MailTransport.Outgoing> mails) {
        return mails.stream().map(MailTransport.Outgoing::to).sorted().toList();
    }

    /** The text has exactly the one link, the HTML exactly one anchor to it. */
    private static void onlyLink(MailTransport.Outgoing mail, String link) {
        String text = mail.content().text();
        String html = mail.content().html();
        assertThat(Pattern.compile("https?:").matcher(text).results().count()).as(text).isEqualTo(1);
        assertThat(text).contains("\n" + link + "\n");
        assertThat(Pattern.compile("<a ").matcher(html).results().count()).as(html).isEqualTo(1);
        assertThat(html).contains("<a href=\"" + link + "\">");
    }

    private void twoStageWorkflowAndPolicy(boolean autoApprove) {
        var peers = new ManageWorkflows.StageInput("peers", List.of(id(peer1).text(), id(peer2).text(), id(requester).text()),
                null, null, 1, null);
        var managers = new ManageWorkflows.StageInput("managers", null, "admin", null, 1, null);
        var wf = ok(g.approvals().workflows().create(owner, org, new ManageWorkflows.Input("wf", null, List.of(peers, managers))));
        ok(g.approvals().policies().create(owner, org, new ManagePolicies.Input("p", "project", null, "admin", null,
                wf.id().text(), 120, false, null, autoApprove)));
    }

    private AccessRequestId submit() {
        AccessRequestView v = ok(g.approvals().submit().handle(new SubmitAccessRequest.Command(requester, "project", project, "admin",
                null, 90, "incident 42", null)));
        return v.request().id();
    }

    private void vote(Caller who, AccessRequestId id, boolean approve) {
        ok(g.approvals().decide().handle(new DecideAccessRequest.Command(who, id,
                approve ? Decision.Verdict.APPROVED : Decision.Verdict.REJECTED, "fine", null)));
    }

    @Test
    void eachStageMailsItsApproversButNeverTheRequesterAndTheDecisionMailsTheRequester() {
        twoStageWorkflowAndPolicy(false);
        AccessRequestId id = submit();
        String link = CONSOLE + "access-requests/" + id.text();

        var first = delivered();
        assertThat(recipients(first)).containsExactly("paul@example.com", "pia@example.com"); // the requester is listed, not mailed
        var mail = first.get(0);
        assertThat(mail.content().subject()).isEqualTo("Approval needed: Rita asks for access");
        assertThat(mail.content().text()).contains("Rita (rita@example.com) asks for the role admin on project " + project
                + " in the organization Acme <Labs>, for 90 minutes.").contains("stage 1 of 2 (peers)");
        assertThat(mail.content().html()).contains("Acme &lt;Labs&gt;");
        onlyLink(mail, link);

        vote(peer1, id, true); // the first stage passes: the managers (admins and owners) are asked
        var second = delivered();
        assertThat(recipients(second)).containsExactly("adam@example.com", "olga@example.com");
        assertThat(second.get(0).content().text()).contains("stage 2 of 2 (managers)");
        onlyLink(second.get(0), link);

        vote(admin, id, true);
        var decided = delivered();
        assertThat(recipients(decided)).containsExactly("rita@example.com");
        assertThat(decided.get(0).content().subject()).isEqualTo("Your access request was approved");
        assertThat(decided.get(0).content().text()).contains("Your access lasts until 2026-03-01 13:30 UTC.");
        onlyLink(decided.get(0), link);
        assertThat(delivered()).isEmpty();
    }

    @Test
    void rejectionAndExpiryMailTheRequesterOnce() {
        twoStageWorkflowAndPolicy(false);
        AccessRequestId rejected = submit();
        delivered();
        vote(peer2, rejected, false);
        var mails = delivered();
        assertThat(recipients(mails)).containsExactly("rita@example.com");
        assertThat(mails.get(0).content().subject()).isEqualTo("Your access request was rejected");

        AccessRequestId expiring = submit();
        delivered();
        clock.advance(Duration.ofHours(25)); // past the policy's 24 h pending TTL
        assertThat(g.approvals().settle().run(100)).isEqualTo(1);
        mails = delivered();
        assertThat(recipients(mails)).containsExactly("rita@example.com");
        assertThat(mails.get(0).content().subject()).isEqualTo("Your access request expired without a decision");
        onlyLink(mails.get(0), CONSOLE + "access-requests/" + expiring.text());
        assertThat(g.approvals().settle().run(100)).isZero();
        assertThat(delivered()).isEmpty();
    }

    @Test
    void anAutoApprovedRequestMailsNobodyAndDeactivatedApproversAreLeftOut() {
        twoStageWorkflowAndPolicy(true);
        submit();
        assertThat(delivered()).isEmpty();

        build(null);
        twoStageWorkflowAndPolicy(false);
        ok(g.identity().deactivateUser().handle(ROOT, id(peer2)));
        submit();
        assertThat(recipients(delivered())).containsExactly("pia@example.com");
    }

    @Test
    void anApproverLookupThatFailsSkipsTheNoticeNotTheRequest() {
        build((request, stage) -> Result.fail(Failure.of(Reason.UNAVAILABLE, "authorizer down")));
        twoStageWorkflowAndPolicy(false);
        AccessRequestId id = submit();
        assertThat(ok(g.approvals().get().handle(requester, id)).request().state().wire()).isEqualTo("pending");
        assertThat(delivered()).isEmpty();
    }

    private IssueApiKey.Issued key(Caller creator, String name) {
        return ok(g.keys().issueApiKey().handle(new IssueApiKey.Command(creator, org, null, null, name, List.of("projects:read"),
                clock.instant().plus(Duration.ofDays(10)), null)));
    }

    @Test
    void anExpiringKeyIsMailedToItsCreatorOncePerWarningWithoutItsSecret() {
        var issued = key(admin, "CI deploy");
        String link = CONSOLE + "api-keys/" + issued.key().id().text();
        clock.advance(Duration.ofDays(3).plusMinutes(1));
        assertThat(g.keys().apiKeyLifecycle().handle(100).warned()).isEqualTo(1);
        var week = delivered();
        assertThat(recipients(week)).containsExactly("adam@example.com");
        var mail = week.get(0);
        assertThat(mail.content().subject()).isEqualTo("API key \"CI deploy\" expires in 7 days");
        assertThat(mail.content().text()).contains("(" + issued.key().prefix() + "…) of the organization Acme <Labs>")
                .contains("because you created this key");
        for (String part : List.of(mail.content().subject(), mail.content().text(), mail.content().html())) {
            assertThat(part).doesNotContain(issued.secret().reveal()).doesNotContain(issued.key().hash());
        }
        onlyLink(mail, link);

        assertThat(g.keys().apiKeyLifecycle().handle(100).warned()).isZero(); // once per warning
        assertThat(delivered()).isEmpty();
        clock.advance(Duration.ofDays(6));
        assertThat(g.keys().apiKeyLifecycle().handle(100).warned()).isEqualTo(1);
        var day = delivered();
        assertThat(recipients(day)).containsExactly("adam@example.com");
        assertThat(day.get(0).content().subject()).isEqualTo("API key \"CI deploy\" expires in 1 day");
        assertThat(g.keys().apiKeyLifecycle().handle(100).warned()).isZero();
        assertThat(delivered()).isEmpty();
    }

    @Test
    void whenTheCreatorLeftTheOwnersAndAdminsAreToldAndANameAddsNoLink() {
        member(user("alma@example.com", "Alma"), "admin");
        var issued = key(admin, "http://evil.example/phish");
        ok(g.tenancy().removeMember().handle(owner, org, id(admin)));
        clock.advance(Duration.ofDays(3).plusMinutes(1));
        g.keys().apiKeyLifecycle().handle(100);
        var mails = delivered();
        assertThat(recipients(mails)).containsExactly("alma@example.com", "olga@example.com");
        assertThat(mails.get(0).content().subject()).isEqualTo("API key \"http[:]//evil.example/phish\" expires in 7 days");
        assertThat(mails.get(0).content().text()).contains("owner or admin of the organization");
        onlyLink(mails.get(0), CONSOLE + "api-keys/" + issued.key().id().text());
    }
}
