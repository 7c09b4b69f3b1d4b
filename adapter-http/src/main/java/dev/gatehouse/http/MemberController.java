package dev.gatehouse.http;

import dev.gatehouse.core.tenancy.TenancyUseCases;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.AddMember;
import dev.gatehouse.core.tenancy.ChangeMemberRole;
import dev.gatehouse.core.tenancy.Member;
import dev.gatehouse.core.tenancy.ListMembers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
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

/** The members of an organization, addressed by user id. */
@Controller("/api/v1/organizations/{id}/members")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Members")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class MemberController {
    private final TenancyUseCases tenancy;
    private final Callers callers;

    MemberController(TenancyUseCases tenancy, Callers callers) {
        this.tenancy = tenancy;
        this.callers = callers;
    }

    private static UserId userId(String text) {
        return UserId.parse(text).orElseThrow(() -> FailureException.notFound("Member"));
    }

    @Get
    @Operation(summary = "List members with email, name and role (members:read); sortable by created_at, updated_at, role; status filters by role",
            operationId = "listMembers")
    TenancyDtos.MemberList list(HttpRequest<?> request, @PathVariable String id, @RequestBean ListParams params) {
        var query = Lists.query(params, ListMembers.SORTABLE);
        var page = FailureException.value(tenancy.listMembers().handle(callers.caller(request), organizationId(id), query));
        return Lists.envelope(request, page, TenancyDtos.MemberView::of, TenancyDtos.MemberList::new);
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Add an existing user by user_id or email (members:write; owner also needs owners:write)",
            operationId = "addMember")
    HttpResponse<TenancyDtos.MemberData> add(HttpRequest<?> request, @PathVariable String id,
                                             @Body TenancyDtos.AddMemberRequest body) {
        Member m = FailureException.value(tenancy.addMember().handle(new AddMember.Command(callers.caller(request),
                organizationId(id), body.userId(), body.email(), body.role())));
        return HttpResponse.created(new TenancyDtos.MemberData(TenancyDtos.MemberView.of(m)))
                .header("Location", "/api/v1/organizations/" + id + "/members/" + m.membership().userId().text());
    }

    @Patch(value = "/{userId}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a member's role (members:write; granting or revoking owner needs owners:write; nobody raises their own role; the last owner stays)",
            operationId = "changeMemberRole")
    TenancyDtos.MemberData change(HttpRequest<?> request, @PathVariable String id, @PathVariable String userId,
                                  @Body TenancyDtos.ChangeRoleRequest body) {
        Member m = FailureException.value(tenancy.changeMemberRole().handle(new ChangeMemberRole.Command(
                callers.caller(request), organizationId(id), userId(userId), body.role())));
        return new TenancyDtos.MemberData(TenancyDtos.MemberView.of(m));
    }

    @Delete("/{userId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member (members:write; an owner needs owners:write; the last owner stays)",
            operationId = "removeMember")
    HttpResponse<Void> remove(HttpRequest<?> request, @PathVariable String id, @PathVariable String userId) {
        FailureException.value(tenancy.removeMember().handle(callers.caller(request), organizationId(id), userId(userId)));
        return HttpResponse.noContent();
    }
}
