package dev.gatehouse.core.signup;

import dev.gatehouse.core.mail.MailContent;

import java.time.Instant;

/**
 * The sign-up's mails, plain text with an HTML alternative: the verification link (the only secret a
 * mail carries) and the notice to an address that already has an account (no link at all). Names come
 * from the sign-up request, so they are escaped in the HTML part ({@link MailContent#fromText}).
 */
final class SignUpMails {
    /** Mail kinds in the outbox (the delivery list's {@code kind} filter). */
    static final String VERIFICATION = "email_verification";
    static final String ACCOUNT_EXISTS = "signup_account_exists";

    private SignUpMails() {
    }

    static MailContent verification(String name, String link, Instant expiresAt) {
        String text = "Hello " + name + ",\n\n"
                + "Confirm your email address to finish signing up for Gatehouse:\n" + link + "\n\n"
                + "The link works once and expires at " + expiresAt + ". Using it sets the name and password chosen in "
                + "the sign-up it was sent for.\n\n"
                + "If you did not sign up, ignore this email: no account is usable until the address is confirmed.\n";
        return MailContent.fromText("Confirm your email address for Gatehouse", text);
    }

    static MailContent accountExists(Instant at) {
        String text = "Someone tried to sign up for Gatehouse with this email address at " + at + ", but it already has "
                + "an account.\n\n"
                + "If it was you, sign in with your password instead. If it was not, you can ignore this email: "
                + "nothing was changed.\n";
        return MailContent.fromText("You already have a Gatehouse account", text);
    }
}
