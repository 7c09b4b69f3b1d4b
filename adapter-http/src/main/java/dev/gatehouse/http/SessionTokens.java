package dev.gatehouse.http;

import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.sessions.Session;
import dev.gatehouse.core.tokens.IssueSessionToken;
import dev.gatehouse.core.tokens.TokenUseCases;
import dev.gatehouse.core.tokens.VerifySessionToken;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The session-token use cases as the login, logout and sign-up routes call them. Issuing and
 * verifying (JDK JOSE, the instance's signing keys) happen in the core ({@link TokenUseCases}).
 */
@Singleton
final class SessionTokens {
    private final TokenUseCases tokens;

    SessionTokens(TokenUseCases tokens) {
        this.tokens = tokens;
    }

    /** The token of a session just started for {@code user} (its expiry is the session's). */
    IssueSessionToken.Issued issue(User user, Session session) {
        if (!session.userId().equals(user.id())) {
            throw new IllegalArgumentException("session " + session.id() + " is not " + user.id() + "'s");
        }
        return tokens.issueSessionToken().handle(session);
    }

    /** The answer of a sign-in (login, email verification): the session's token, once, with the user. */
    Dtos.SessionData answer(User user, Session session) {
        var issued = issue(user, session);
        return new Dtos.SessionData(new Dtos.Session(issued.token(), "Bearer", Dtos.time(issued.expiresAt()), Dtos.UserView.of(user)));
    }

    /** The user and session a valid, unexpired token of this issuer names; empty for anything else. */
    Optional<VerifySessionToken.Verified> verify(String token) {
        return tokens.verifySessionToken().handle(token);
    }
}
