package dev.gatehouse.core.signup;

import dev.gatehouse.core.FastHasher;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.identity.AuthenticateUser;
import dev.gatehouse.core.identity.CreateUser;
import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.mail.MailContent;
import dev.gatehouse.core.mail.MailQuery;
import dev.gatehouse.core.mail.MailQueue;
import dev.gatehouse.core.mail.QueuedMail;
import dev.gatehouse.core.memory.MemoryMailOutbox;
import dev.gatehouse.core.memory.MemorySignUpStores;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class OpenSignUpTest {
    private static final Pattern LINK = Pattern.compile("https://app\\.example/verify/(\\S+)");
    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final Gatehouse g = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).build();
    private final MemoryTransactions tx = (MemoryTransactions) g.platform().transactions();
    private final MemoryMailOutbox outbox = new MemoryMailOutbox(tx);
    private final SecretSealer sealer = SecretSealer.ephemeral();
    private final MailQueue queue = new MailQueue(outbox, sealer, clock, g.platform().ids());
    private final SignUpStores stores = MemorySignUpStores.create(tx);
    private final Caller anonymous = new Caller(new Principal.Anonymous(), new Origin("192.0.2.9", "junit", "r", null, null));

    private OpenSignUp signUp(SignUpSettings.Mode mode) {
        return SignUpUseCases.wire(stores, g.platform(), g.stores().identity().users(), new FastHasher(), queue,
                new SignUpSettings(mode, "https://app.example/verify/", Duration.ofHours(24), Duration.ofMinutes(1))).openSignUp();
    }

    private List<QueuedMail> mails(String to) {
        return outbox.list(new MailQuery(null, to, null), null, 100).items();
    }

    private MailContent open(QueuedMail m) {
        return sealer.open(m.sealed(), "mail:" + m.id().text()).flatMap(MailContent::decode).orElseThrow();
    }

    private String tokenOf(QueuedMail m) {
        Matcher matcher = LINK.matcher(open(m).text());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private User user(String email) {
        return g.stores().identity().users().byEmail(Email.parse(email).orElseThrow()).orElseThrow();
    }

    private dev.gatehouse.core.shared.Result<User> login(String email, String password) {
        return g.identity().authenticateUser().handle(new AuthenticateUser.Command(anonymous, email, password));
    }

    @Test
    void aSignUpIsUnverifiedUntilItsMailedLinkIsUsedOnce() {
        OpenSignUp s = signUp(SignUpSettings.Mode.OPEN);
        var accepted = s.signUp(new OpenSignUp.Command(anonymous, " Ada@Example.com", "Ada", "ada's long password"));
        assertThat(accepted.value().email()).isEqualTo("ada@example.com");
        assertThat(user("ada@example.com").emailVerified()).isFalse();

        var refused = login("ada@example.com", "ada's long password");
        assertThat(refused.failure().reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(refused.failure().details()).containsEntry("error", AuthenticateUser.EMAIL_NOT_VERIFIED);
        assertThat(login("ada@example.com", "a wrong password!").failure().reason()).as("a wrong password learns nothing")
                .isEqualTo(Reason.UNAUTHENTICATED);

        List<QueuedMail> sent = mails("ada@example.com");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).kind()).isEqualTo("email_verification");
        String token = tokenOf(sent.get(0));
        assertThat(new String(sent.get(0).sealed(), StandardCharsets.ISO_8859_1)).doesNotContain(token);
        assertThat(open(sent.get(0)).html()).contains("<a href=\"https://app.example/verify/" + token + "\">");
        var stored = stores.verifications().byTokenHash(dev.gatehouse.core.tenancy.InvitationToken.hash(token)).orElseThrow();
        assertThat(stored.toString()).doesNotContain(token).doesNotContain(stored.tokenHash());

        User verified = s.verify(anonymous, token).value();
        assertThat(verified.emailVerified()).isTrue();
        assertThat(login("ada@example.com", "ada's long password").isOk()).isTrue();
        var again = s.verify(anonymous, token);
        assertThat(again.failure().reason()).as("single use").isEqualTo(Reason.INVALID_STATE);
        assertThat(s.verify(anonymous, "x".repeat(40)).failure().reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(s.verify(anonymous, "not a token").failure().reason()).isEqualTo(Reason.NOT_FOUND);

        var actions = g.stores().platform().auditLog().find(AuditQuery.all(), null, 50).items().stream().map(e -> e.action()).toList();
        assertThat(actions).contains("user.signed_up", "user.verification_mail_queued", "user.email_verified");
        var events = g.stores().platform().eventOutbox().after(null, 50).stream().map(e -> e.type()).toList();
        assertThat(events).contains("user.signed_up", "user.email_verified");
    }

    @Test
    void anExistingAccountGetsTheSameAnswerAndANoticeWithoutLink() {
        OpenSignUp s = signUp(SignUpSettings.Mode.OPEN);
        g.identity().createUser().handle(new CreateUser.Command(Caller.system("test"), "bob@example.com", "bob's long password",
                "Bob", false));
        var accepted = s.signUp(new OpenSignUp.Command(anonymous, "bob@example.com", "Mallory", "mallory's password"));
        assertThat(accepted.isOk()).isTrue();
        assertThat(accepted.value().email()).isEqualTo("bob@example.com");
        List<QueuedMail> sent = mails("bob@example.com");
        assertThat(sent).extracting(QueuedMail::kind).containsExactly("signup_account_exists");
        assertThat(open(sent.get(0)).text()).doesNotContain("http");
        assertThat(user("bob@example.com").name()).isEqualTo("Bob");
        assertThat(login("bob@example.com", "bob's long password").isOk()).isTrue();

        s.signUp(new OpenSignUp.Command(anonymous, "bob@example.com", "Mallory", "mallory's password"));
        assertThat(mails("bob@example.com")).as("one mail per address a minute").hasSize(1);
        clock.advance(Duration.ofMinutes(2));
        s.signUp(new OpenSignUp.Command(anonymous, "bob@example.com", "Mallory", "mallory's password"));
        assertThat(mails("bob@example.com")).hasSize(2);
    }

    @Test
    void eachLinkAppliesItsOwnSignUpsPasswordAndTheFirstUsedWins() {
        OpenSignUp s = signUp(SignUpSettings.Mode.OPEN);
        s.signUp(new OpenSignUp.Command(anonymous, "cy@example.com", "Cy", "cy's first password"));
        clock.advance(Duration.ofMinutes(2));
        s.signUp(new OpenSignUp.Command(anonymous, "cy@example.com", "Cy Two", "cy's second password"));
        List<QueuedMail> sent = mails("cy@example.com"); // newest first
        assertThat(sent).hasSize(2);
        String second = tokenOf(sent.get(0));
        String first = tokenOf(sent.get(1));
        assertThat(s.verify(anonymous, first).value().name()).isEqualTo("Cy");
        assertThat(login("cy@example.com", "cy's first password").isOk()).isTrue();
        assertThat(s.verify(anonymous, second).failure().reason()).as("the account is verified: other links stop")
                .isEqualTo(Reason.INVALID_STATE);
        assertThat(login("cy@example.com", "cy's second password").failure().reason()).isEqualTo(Reason.UNAUTHENTICATED);
    }

    @Test
    void linksExpire() {
        OpenSignUp s = signUp(SignUpSettings.Mode.OPEN);
        s.signUp(new OpenSignUp.Command(anonymous, "dee@example.com", "Dee", "dee's long password"));
        String token = tokenOf(mails("dee@example.com").get(0));
        clock.advance(Duration.ofHours(24));
        assertThat(s.verify(anonymous, token).failure().reason()).isEqualTo(Reason.INVALID_STATE);
        assertThat(user("dee@example.com").emailVerified()).isFalse();
        clock.advance(Duration.ofDays(2));
        assertThat(s.purgeExpired()).isEqualTo(1);
        assertThat(s.verify(anonymous, token).failure().reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void inviteModeRefusesAndBadInputNamesEveryField() {
        var refused = signUp(SignUpSettings.Mode.INVITE).signUp(new OpenSignUp.Command(anonymous, "eve@example.com", "Eve",
                "eve's long password"));
        assertThat(refused.failure().reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(refused.failure().details()).containsEntry("error", OpenSignUp.SIGNUP_DISABLED);
        assertThat(g.stores().identity().users().byEmail(Email.parse("eve@example.com").orElseThrow())).isEmpty();
        assertThat(outbox.openCount()).isZero();

        var invalid = signUp(SignUpSettings.Mode.OPEN).signUp(new OpenSignUp.Command(anonymous, "nope", " ", "short"));
        assertThat(invalid.failure().fieldErrors()).containsOnlyKeys("email", "name", "password");
    }

    @Test
    void usersCreatedByAdminsAreVerified() {
        User u = g.identity().createUser().handle(new CreateUser.Command(Caller.system("test"), "fay@example.com",
                "fay's long password", "Fay", false)).value();
        assertThat(u.emailVerified()).isTrue();
    }
}
