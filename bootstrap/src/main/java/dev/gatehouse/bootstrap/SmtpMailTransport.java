package dev.gatehouse.bootstrap;

import dev.gatehouse.core.mail.MailTransport;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * Sends mail over SMTP with Eclipse Angus Mail (ADR 0029): one connection per mail, plain, STARTTLS
 * (required, not opportunistic) or implicit TLS, optional AUTH, connect/read/write timeouts, the
 * server's certificate checked against its host name. Each mail is {@code multipart/alternative}
 * (plain text, then HTML, UTF-8) with {@code Message-ID: <mail_…@host>} stable across attempts and
 * {@code Auto-Submitted: auto-generated}.
 */
final class SmtpMailTransport implements MailTransport {
    enum Tls {
        NONE, STARTTLS, IMPLICIT;

        static Tls parse(String text) {
            String t = text == null || text.isBlank() ? "starttls" : text.strip().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "none" -> NONE;
                case "starttls" -> STARTTLS;
                case "implicit" -> IMPLICIT;
                default -> throw new IllegalArgumentException("GATEHOUSE_SMTP_TLS must be none, starttls or implicit, not '" + t + "'");
            };
        }
    }

    /** The connection: {@code password} is never logged or shown by {@link #toString}. */
    record Settings(String host, int port, String username, String password, InternetAddress from, Tls tls, Duration timeout,
                    String trust) {
        Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(tls, "tls");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("GATEHOUSE_SMTP_PORT must be 1..65535, not " + port);
            }
        }

        /** The port a TLS mode usually uses when none is given: 25 (none), 587 (STARTTLS), 465 (implicit). */
        static int defaultPort(Tls tls) {
            return switch (tls) {
                case NONE -> 25;
                case STARTTLS -> 587;
                case IMPLICIT -> 465;
            };
        }

        static InternetAddress address(String from) {
            try {
                InternetAddress a = new InternetAddress(from, true);
                a.validate();
                return a;
            } catch (AddressException e) {
                throw new IllegalArgumentException("GATEHOUSE_SMTP_FROM is not an email address: " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "SMTP " + host + ":" + port + " tls=" + tls.name().toLowerCase(Locale.ROOT)
                    + (username == null ? "" : " user=" + username) + " from=" + from.getAddress();
        }
    }

    private final Settings settings;
    private final Session session;
    private final String protocol;

    SmtpMailTransport(Settings settings) {
        this.settings = settings;
        this.protocol = settings.tls() == Tls.IMPLICIT ? "smtps" : "smtp";
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty(p + "host", settings.host());
        props.setProperty(p + "port", Integer.toString(settings.port()));
        String millis = Long.toString(settings.timeout().toMillis());
        props.setProperty(p + "connectiontimeout", millis);
        props.setProperty(p + "timeout", millis);
        props.setProperty(p + "writetimeout", millis);
        props.setProperty(p + "auth", Boolean.toString(settings.username() != null));
        props.setProperty(p + "from", settings.from().getAddress()); // the envelope sender
        if (settings.tls() == Tls.STARTTLS) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true");
        }
        if (settings.tls() != Tls.NONE) {
            props.setProperty(p + "ssl.protocols", "TLSv1.3 TLSv1.2");
            // Development and tests only: ssl-trust hosts' certificates are accepted unverified, name included.
            props.setProperty(p + "ssl.checkserveridentity", Boolean.toString(settings.trust() == null));
            if (settings.trust() != null) {
                props.setProperty(p + "ssl.trust", settings.trust());
            }
        }
        this.session = Session.getInstance(props);
    }

    @Override
    public void send(Outgoing mail) {
        try {
            MimeMessage message = message(mail);
            try (Transport transport = session.getTransport(protocol)) {
                transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (AddressException e) {
            throw new Failure("invalid recipient address", true, null);
        } catch (SendFailedException e) {
            throw new Failure(describe(e), permanent(e), null);
        } catch (MessagingException e) {
            throw new Failure(describe(e), false, null);
        }
    }

    MimeMessage message(Outgoing mail) throws MessagingException {
        String messageId = "<" + mail.messageId().text() + "@" + settings.from().getAddress().replaceAll(".*@", "") + ">";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(settings.from());
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(mail.content().subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.content().text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.content().html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    /** A refusal of the recipient with a 5xx code is permanent; anything else may pass later. */
    private static boolean permanent(SendFailedException e) {
        for (Exception next = e; next != null; next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException a && a.getReturnCode() >= 500) {
                return true;
            }
        }
        return false;
    }

    /** The exception's class and the server's answer: what an admin needs, never a credential. */
    private static String describe(MessagingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = e.getMessage() == null ? "" : e.getMessage().strip();
        String rootText = root == e ? "" : " (" + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage().strip()) + ")";
        return e.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg) + rootText;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public String toString() {
        return settings.toString();
    }
}
