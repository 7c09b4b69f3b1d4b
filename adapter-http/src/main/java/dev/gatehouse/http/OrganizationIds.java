package dev.gatehouse.http;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Principal;
import io.micronaut.http.HttpRequest;

/** The organization a request names, parsed: a malformed id is unknown like any other (404). */
final class OrganizationIds {
    private OrganizationIds() {
    }

    /** An optional {@code organization_id}: absent or blank is null (the use case decides), a malformed one is a 404. */
    static OrganizationId organization(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return OrganizationId.parse(text.strip()).orElseThrow(() -> FailureException.notFound("Organization"));
    }

    /** The organization named in the request, or an API key caller's own; null when neither (the use case says so). */
    static OrganizationId organization(Caller caller, String text) {
        OrganizationId named = organization(text);
        if (named == null && caller.principal() instanceof Principal.ApiKey key) {
            return key.organizationId();
        }
        return named;
    }

    /** The organization named, else by {@code X-Workspace-ID}, else an API key caller's own (ADR 32); else null. */
    static OrganizationId organization(HttpRequest<?> request, String text) {
        return organization(SeedProfile.organization(request, text));
    }
}
