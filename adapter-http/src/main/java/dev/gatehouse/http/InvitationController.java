package dev.gatehouse.http;

import dev.gatehouse.core.tenancy.TenancyUseCases;
import dev.gatehouse.core.shared.InvitationId;
import dev.gatehouse.core.tenancy.CreateInvitation;
import dev.gatehouse.core.tenancy.ListInvitations;
import dev.gatehouse.core.tenancy.IssuedInvitation;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import static dev.gatehouse.http.OrganizationController.organizationId;

/** Invitations: managed under their organization, accepted by token by the invited user. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Invitations")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class InvitationController {
    private final TenancyUseCases tenancy;
    private final java.time.Clock clock;
    private final Callers callers;

    private final dev.gatehouse.core.sessions.SessionUseCases signUp;
    private final SessionTokens tokens;
    private final HttpSettings settings;

    InvitationController(TenancyUseCases tenancy, Callers callers, java.time.Clock clock, dev.gatehouse.core.sessions.SessionUseCases signUp,
                         SessionTokens tokens, HttpSettings settings) {
        this.signUp = signUp;
        this.tokens = tokens;
        this.settings = settings;
        this.tenancy = tenancy;
        this.clock = clock;
        this.callers = callers;
    }

    private static InvitationId invitationId(String text) {
        return InvitationId.parse(text).orElseThrow(() -> FailureException.notFound("Invitation"));
    }

    private java.time.Instant now() {
        return clock.instant();
    }

    @Get("/organizations/{id}/invitations")
    @Operation(summary = "List invitations (members:read); status pending|expired|accepted|revoked; search email; sortable by created_at, updated_at, expires_at, email",
            operationId = "listInvitations")
    TenancyDtos.InvitationList list(HttpRequest<?> request, @PathVariable String id, @RequestBean ListParams params) {
        var query = Lists.query(params, ListInvitations.SORTABLE);
        var page = FailureException.value(tenancy.listInvitations().handle(callers.caller(request), organizationId(id), query));
        var now = now();
        return Lists.envelope(request, page, i -> TenancyDtos.InvitationView.of(i, now), TenancyDtos.InvitationList::new);
    }

    @Post(value = "/organizations/{id}/invitations", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Invite an email with a role (members:write; owner also owners:write); returns the token and accept_url once",
            operationId = "createInvitation")
    HttpResponse<TenancyDtos.IssuedInvitationData> create(HttpRequest<?> request, @PathVariable String id,
                                                          @Body TenancyDtos.CreateInvitationRequest body) {
        IssuedInvitation issued = FailureException.value(tenancy.createInvitation().handle(new CreateInvitation.Command(
                callers.caller(request), organizationId(id), body.email(), body.role(), body.expiresInDays())));
        return HttpResponse.created(new TenancyDtos.IssuedInvitationData(TenancyDtos.IssuedInvitationView.of(issued, now())));
    }

    @Delete("/organizations/{id}/invitations/{invitationId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a pending invitation (members:write); accepted or revoked ones answer 409",
            operationId = "revokeInvitation")
    HttpResponse<Void> revoke(HttpRequest<?> request, @PathVariable String id, @PathVariable String invitationId) {
        FailureException.value(tenancy.revokeInvitation().handle(callers.caller(request), organizationId(id),
                invitationId(invitationId)));
        return HttpResponse.noContent();
    }

    @Post("/organizations/{id}/invitations/{invitationId}/resend")
    @Operation(summary = "Re-send a pending invitation with a new token (the old one stops working); returns the new token once",
            operationId = "resendInvitation")
    TenancyDtos.IssuedInvitationData resend(HttpRequest<?> request, @PathVariable String id, @PathVariable String invitationId) {
        IssuedInvitation issued = FailureException.value(tenancy.resendInvitation().handle(callers.caller(request),
                organizationId(id), invitationId(invitationId)));
        return new TenancyDtos.IssuedInvitationData(TenancyDtos.IssuedInvitationView.of(issued, now()));
    }

    @Post("/invitations/{token}/accept")
    @Operation(summary = "Accept an invitation: as the signed-in invited user (email must match; 200 with the membership), or "
            + "without a session for an email that has no account, with name and password (201: the account is created, "
            + "the invitation accepted and a session returned once); expired, revoked or used ones answer 409",
            operationId = "acceptInvitation")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Accepted by the signed-in user",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = TenancyDtos.MemberData.class)))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Account created and signed in",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = TenancyDtos.SignUpData.class)))
    HttpResponse<?> accept(HttpRequest<?> request, @PathVariable String token,
                           @io.micronaut.core.annotation.Nullable @Body TenancyDtos.AcceptInvitationRequest body) {
        if (Callers.principal(request).isPresent()) {
            return HttpResponse.ok(new TenancyDtos.MemberData(TenancyDtos.MemberView.of(FailureException.value(
                    tenancy.acceptInvitation().handle(callers.caller(request), token)))));
        }
        if (body == null || body.password() == null) {
            throw new FailureException(dev.gatehouse.core.shared.Failure.of(dev.gatehouse.core.shared.Reason.UNAUTHENTICATED,
                    "Sign in as the invited user to accept, or send name and password to create the account."));
        }
        var anonymous = callers.anonymous(request);
        var signedUp = FailureException.value(signUp.onboarding().withInvitation().handle(
                new dev.gatehouse.core.tenancy.SignUpWithInvitation.Command(anonymous, token, body.name(), body.password())));
        var session = signUp.sessions().start(signedUp.user(), anonymous, settings.sessionTtl());
        var issued = tokens.issue(signedUp.user(), session);
        return HttpResponse.created(new TenancyDtos.SignUpData(new TenancyDtos.SignUpView(issued.token(), "Bearer",
                Dtos.time(issued.expiresAt()), Dtos.UserView.of(signedUp.user()), TenancyDtos.MemberView.of(signedUp.member()))))
                .header("Cache-Control", "no-store");
    }
}
