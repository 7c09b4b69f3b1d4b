package dev.gatehouse.core.notifications;

import dev.gatehouse.core.mail.MailContent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The texts of the notification mails: a subject a person understands, a few plain sentences, the one
 * link the mail exists for, and why the mail came. Plain text and HTML say the same; in HTML every
 * value is escaped and only that link is a link. Values people typed (names) are shown without control
 * characters, at most {@value #MAX_VALUE} characters, and with {@code ://} broken up, so no name adds a
 * second link. No mail carries a secret: keys are named by their name and display prefix only.
 */
final class NotificationMails {
    static final int MAX_VALUE = 100;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private NotificationMails() {
    }

    /** What is asked for, in words: {@code the role admin on project prj_…}. */
    record Asked(String role, String permission, String resourceType, String resourceId, long minutes) {
        String words() {
            String what = role != null ? "the role " + shown(role) : "the permission " + shown(permission);
            return what + " on " + shown(resourceType) + " " + shown(resourceId);
        }
    }

    /** To an approver of the stage that now waits. */
    static MailContent waiting(String requesterName, String requesterEmail, Asked asked, String organization, int stage,
                               int stages, String stageName, String link) {
        String who = shown(requesterName);
        return compose("Approval needed: " + who + " asks for access",
                List.of(who + " (" + shown(requesterEmail) + ") asks for " + asked.words() + " in the organization "
                                + shown(organization) + ", for " + duration(asked.minutes()) + ".",
                        "The request waits for your approval in stage " + stage + " of " + stages + " (" + shown(stageName) + ")."),
                "Review the request and approve or reject it", link,
                "You receive this mail because you are an approver of this stage.");
    }

    /** How a request ended, for its requester. */
    enum Decided {
        APPROVED("was approved"), REJECTED("was rejected"), EXPIRED("expired without a decision");

        private final String words;

        Decided(String words) {
            this.words = words;
        }
    }

    static MailContent decided(Decided outcome, Asked asked, String organization, Instant grantEnds, String link) {
        String first = "Your request for " + asked.words() + " in the organization " + shown(organization) + " " + outcome.words + ".";
        String second = switch (outcome) {
            case APPROVED -> "Your access lasts until " + WHEN.format(grantEnds) + ".";
            case REJECTED -> "An approver rejected it; the request shows who and why.";
            case EXPIRED -> "It was not decided in time. You can ask again.";
        };
        return compose("Your access request " + outcome.words, List.of(first, second), "See the request", link,
                "You receive this mail because you made this request.");
    }

    /** To whoever looks after a key that expires soon. */
    static MailContent keyExpiring(String name, String prefix, String organization, Instant expiresAt, long days,
                                   boolean creator, String link) {
        String in = days == 1 ? "1 day" : days + " days";
        return compose("API key \"" + shown(name) + "\" expires in " + in,
                List.of("The API key \"" + shown(name) + "\" (" + shown(prefix) + "…) of the organization " + shown(organization)
                                + " expires on " + WHEN.format(expiresAt) + ", in " + in + ".",
                        "From then on every request made with it is refused. Rotate it, or issue a new key, and update "
                                + "the places that use it before then."),
                "Manage the key", link,
                creator ? "You receive this mail because you created this key."
                        : "You receive this mail because you are an owner or admin of the organization and the key's creator "
                        + "can no longer be reached.");
    }

    private static String duration(long minutes) {
        if (minutes % (60 * 24) == 0) {
            return minutes / (60 * 24) + (minutes == 60 * 24 ? " day" : " days");
        }
        if (minutes % 60 == 0) {
            return minutes / 60 + (minutes == 60 ? " hour" : " hours");
        }
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    private static MailContent compose(String subject, List<String> paragraphs, String linkLabel, String link, String why) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n");
        for (String p : paragraphs) {
            text.append(p).append("\n\n");
            html.append("<p>").append(MailContent.escape(p)).append("</p>\n");
        }
        text.append(linkLabel).append(":\n").append(link).append("\n\n-- \n").append(why).append("\nGatehouse\n");
        html.append("<p><a href=\"").append(MailContent.escape(link)).append("\">").append(MailContent.escape(linkLabel))
                .append("</a></p>\n<p style=\"color: #666\">").append(MailContent.escape(why)).append("<br>\nGatehouse</p>\n")
                .append("</body></html>\n");
        return new MailContent(subject, text.toString(), html.toString());
    }

    /** A value as shown: control characters as spaces, at most {@value #MAX_VALUE} characters, {@code ://} broken up. */
    static String shown(String value) {
        if (value == null || value.isBlank()) {
            return "(unnamed)";
        }
        StringBuilder out = new StringBuilder();
        value.strip().codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String s = out.toString().replace("://", "[:]//");
        return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE - 1) + "…" : s;
    }
}
