package dev.gatehouse.core.signup;

import dev.gatehouse.core.identity.PasswordHasher;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.mail.MailQueue;
import dev.gatehouse.core.platform.Platform;

/**
 * The open sign-up feature, wired once by {@link #wire} over its stores, the users, the password hasher
 * and the mail queue (the outbox the verification mail is enqueued in, in the account's transaction).
 * The HTTP adapter's sign-up and verification routes inject this record.
 */
public record SignUpUseCases(OpenSignUp openSignUp) {
    public static SignUpUseCases wire(SignUpStores stores, Platform platform, Users users, PasswordHasher hasher, MailQueue mail,
                                      SignUpSettings settings) {
        return new SignUpUseCases(new OpenSignUp(users, stores.verifications(), hasher, mail, platform.auditor(), platform.events(),
                platform.transactions(), platform.clock(), platform.ids(), settings));
    }
}
