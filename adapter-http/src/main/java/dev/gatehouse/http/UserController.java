package dev.gatehouse.http;

import dev.gatehouse.core.identity.CreateUser;
import dev.gatehouse.core.identity.IdentityUseCases;
import dev.gatehouse.core.identity.UpdateUser;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.identity.ListUsers;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.sessions.UserSessions;
import dev.gatehouse.core.shared.UserId;
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

/**
 * Users of this instance: platform admins create, list and deactivate them; a user reads and renames
 * themself.
 */
@Controller("/api/v1/users")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Users")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class UserController {
    private final IdentityUseCases identity;
    private final Callers callers;

    private final UserSessions sessions;

    UserController(IdentityUseCases identity, Callers callers, UserSessions sessions) {
        this.identity = identity;
        this.callers = callers;
        this.sessions = sessions;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Create a user (platform admins)", operationId = "createUser")
    HttpResponse<Dtos.UserData> create(HttpRequest<?> request, @Body Dtos.CreateUserRequest body) {
        User user = FailureException.value(identity.createUser().handle(new CreateUser.Command(callers.caller(request),
                body.email(), body.password(), body.name(), Boolean.TRUE.equals(body.platformAdmin()))));
        return HttpResponse.created(new Dtos.UserData(Dtos.UserView.of(user)))
                .header("Location", "/api/v1/users/" + user.id().text());
    }

    @Get
    @Operation(summary = "List users (platform admins); sortable by created_at, updated_at, email, name; status active|deactivated",
            operationId = "listUsers")
    Dtos.UserList list(HttpRequest<?> request, @RequestBean ListParams params) {
        var query = Lists.query(params, ListUsers.SORTABLE);
        var page = FailureException.value(identity.listUsers().handle(callers.caller(request), query));
        return Lists.envelope(request, page, Dtos.UserView::of, Dtos.UserList::new);
    }

    @Get("/{id}")
    @Operation(summary = "Get a user with their sessions and organizations (the user themself or a platform admin)",
            operationId = "getUser")
    SessionDtos.UserDetailData get(HttpRequest<?> request, @PathVariable String id) {
        UserId userId = UserId.parse(id).orElseThrow(() -> FailureException.notFound("User"));
        var overview = FailureException.value(sessions.overview(callers.caller(request), userId));
        return new SessionDtos.UserDetailData(SessionDtos.UserDetail.of(overview, sessions.clock().instant()));
    }

    @Patch(value = "/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a user's name (the user themself or a platform admin)", operationId = "updateUser")
    Dtos.UserData update(HttpRequest<?> request, @PathVariable String id, @Body Dtos.UpdateUserRequest body) {
        UserId userId = UserId.parse(id).orElseThrow(() -> FailureException.notFound("User"));
        return new Dtos.UserData(Dtos.UserView.of(FailureException.value(identity.updateUser().handle(
                new UpdateUser.Command(callers.caller(request), userId, body.name())))));
    }

    @Delete("/{id}")
    @Operation(summary = "Deactivate a user (platform admins); their sessions stop working at once", operationId = "deactivateUser")
    HttpResponse<Void> deactivate(HttpRequest<?> request, @PathVariable String id) {
        UserId userId = UserId.parse(id).orElseThrow(() -> FailureException.notFound("User"));
        FailureException.value(identity.deactivateUser().handle(callers.caller(request), userId));
        return HttpResponse.noContent();
    }
}
