package dev.gatehouse.http;

import dev.gatehouse.core.tenancy.TenancyUseCases;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.tenancy.CreateOrganization;
import dev.gatehouse.core.tenancy.Organization;
import dev.gatehouse.core.tenancy.ListOrganizations;
import dev.gatehouse.core.tenancy.UpdateOrganization;
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

/** Organizations: any user creates one (and owns it); members read it; owners and admins change it; owners delete it. */
@Controller("/api/v1/organizations")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Organizations")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class OrganizationController {
    private final TenancyUseCases tenancy;
    private final Callers callers;

    OrganizationController(TenancyUseCases tenancy, Callers callers) {
        this.tenancy = tenancy;
        this.callers = callers;
    }

    /** The id in the path; a wrong prefix or shape is a 404 like an unknown id. */
    static OrganizationId organizationId(String text) {
        return OrganizationId.parse(text).orElseThrow(() -> FailureException.notFound("Organization"));
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Create an organization; the caller becomes its owner (tier free; platform admins change it with PUT /api/v1/organizations/{id}/plan)",
            operationId = "createOrganization")
    HttpResponse<TenancyDtos.OrganizationData> create(HttpRequest<?> request, @Body TenancyDtos.CreateOrganizationRequest body) {
        var settings = body.settings();
        Organization org = FailureException.value(tenancy.createOrganization().handle(new CreateOrganization.Command(
                callers.caller(request), body.name(), body.slug(), settings == null ? null : settings.timezone(),
                settings == null ? null : settings.locale())));
        return HttpResponse.created(new TenancyDtos.OrganizationData(TenancyDtos.OrganizationView.of(org)))
                .header("Location", "/api/v1/organizations/" + org.id().text());
    }

    @Get
    @Operation(summary = "List the caller's organizations (all for platform admins); sortable by created_at, name, slug; search name and slug",
            operationId = "listOrganizations")
    TenancyDtos.OrganizationList list(HttpRequest<?> request, @RequestBean ListParams params) {
        var query = Lists.query(params, ListOrganizations.SORTABLE);
        var page = FailureException.value(tenancy.listOrganizations().handle(callers.caller(request), query));
        return Lists.envelope(request, page, TenancyDtos.OrganizationView::of, TenancyDtos.OrganizationList::new);
    }

    @Get("/{id}")
    @Operation(summary = "Get an organization", operationId = "getOrganization")
    TenancyDtos.OrganizationData get(HttpRequest<?> request, @PathVariable String id) {
        Organization org = FailureException.value(tenancy.getOrganization().handle(callers.caller(request), organizationId(id)));
        return new TenancyDtos.OrganizationData(TenancyDtos.OrganizationView.of(org));
    }

    @Patch(value = "/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Change name, slug or settings (organizations:write)", operationId = "updateOrganization")
    TenancyDtos.OrganizationData update(HttpRequest<?> request, @PathVariable String id,
                                        @Body TenancyDtos.UpdateOrganizationRequest body) {
        var settings = body.settings();
        Organization org = FailureException.value(tenancy.updateOrganization().handle(new UpdateOrganization.Command(
                callers.caller(request), organizationId(id), body.name(), body.slug(),
                settings == null ? null : settings.timezone(), settings == null ? null : settings.locale())));
        return new TenancyDtos.OrganizationData(TenancyDtos.OrganizationView.of(org));
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an organization (organizations:delete); every member loses access at once",
            operationId = "deleteOrganization")
    HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String id) {
        FailureException.value(tenancy.deleteOrganization().handle(callers.caller(request), organizationId(id)));
        return HttpResponse.noContent();
    }
}
