package dev.gatehouse.http;

import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.sessions.Session;
import dev.gatehouse.core.sessions.UserSessions;
import dev.gatehouse.core.signup.OpenSignUp;
import dev.gatehouse.core.signup.SignUpUseCases;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Open sign-up and email verification (ADR 0034), without credentials and rate limited per client
 * address ({@link RateLimitFilter}). Sign-up answers 202 whether or not the address has an account.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Authentication")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
final class SignUpController {
    static final String SIGNUP_PATH = "/api/v1/auth/signup";
    static final String VERIFY_PATH = "/api/v1/auth/verify-email";

    @Dto
    @Schema(name = "SignUpRequest")
    record SignUpRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String email,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String name,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 10, maxLength = 256) String password) {
        @Override
        public String toString() {
            return "SignUpRequest[" + email + "]"; // never the password
        }
    }

    @Dto
    @Schema(name = "SignUpAccepted", description = "The same for every address: a mail may be on its way to it")
    record SignUpAcceptedView(String email) {
    }

    @Dto
    @Schema(name = "SignUpAcceptedResponse")
    record SignUpAcceptedData(SignUpAcceptedView data) {
    }

    @Dto
    @Schema(name = "VerifyEmailRequest")
    record VerifyEmailRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String token) {
        @Override
        public String toString() {
            return "VerifyEmailRequest"; // never the token
        }
    }

    private final SignUpUseCases signUp;
    private final UserSessions sessions;
    private final SessionTokens tokens;
    private final Callers callers;
    private final HttpSettings settings;

    SignUpController(SignUpUseCases signUp, UserSessions sessions, SessionTokens tokens, Callers callers, HttpSettings settings) {
        this.signUp = signUp;
        this.sessions = sessions;
        this.tokens = tokens;
        this.callers = callers;
        this.settings = settings;
    }

    @Post(value = "/auth/signup", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign up with email, name and password (GATEHOUSE_SIGNUP=open; else 403 signup_disabled); 202 whether or "
            + "not the address has an account: a verification link (or, for an existing account, a notice) is mailed",
            operationId = "signUp")
    @ApiResponse(responseCode = "202", description = "Accepted: the account, if new, is unverified until the mailed link is used",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SignUpAcceptedData.class)))
    HttpResponse<SignUpAcceptedData> signUp(HttpRequest<?> request, @Body SignUpRequest body) {
        var accepted = FailureException.value(signUp.openSignUp().signUp(new OpenSignUp.Command(callers.anonymous(request),
                body.email(), body.name(), body.password())));
        return HttpResponse.accepted().body(new SignUpAcceptedData(new SignUpAcceptedView(accepted.email())));
    }

    @Post(value = "/auth/verify-email", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify an email address with the token of the mailed link (once, before it expires): the account can "
            + "sign in, and a session token is returned once", operationId = "verifyEmail")
    HttpResponse<Dtos.SessionData> verify(HttpRequest<?> request, @Body VerifyEmailRequest body) {
        var anonymous = callers.anonymous(request);
        User user = FailureException.value(signUp.openSignUp().verify(anonymous, body.token()));
        Session session = sessions.start(user, anonymous, settings.sessionTtl());
        return HttpResponse.ok(tokens.answer(user, session)).header("Cache-Control", "no-store");
    }
}
