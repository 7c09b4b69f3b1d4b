package dev.gatehouse.http;

import dev.gatehouse.core.authorization.AuthorizationUseCases;
import dev.gatehouse.core.authorization.CheckPermission;
import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.FoundSubjects;
import dev.gatehouse.core.authorization.LookupResources;
import dev.gatehouse.core.authorization.LookupSubjects;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.CursorPage;
import dev.gatehouse.core.shared.Failure;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The permission catalog, and questions to the authorization engine (check, lookup-resources,
 * lookup-subjects). The questions are for platform admins until API keys carry scopes; a failure of
 * the engine is never turned into an answer: unknown names are 422, an undecidable evaluation 409,
 * an unavailable engine 503.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Authorization")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
@SecurityRequirement(name = "bearer")
final class AuthorizationController {
    private static final String NAME_RULE = "must be lowercase letters, digits and '_', 3 to 64 characters, starting with a letter";
    private static final String TYPE_RULE = "must be lowercase letters, digits and '_', 3 to 64 characters per '/'-separated segment";
    private static final String ID_RULE = "must be 1 to 1024 characters of letters, digits and / _ | - = +";

    private final AuthorizationUseCases authorization;
    private final Callers callers;

    AuthorizationController(AuthorizationUseCases authorization, Callers callers) {
        this.authorization = authorization;
        this.callers = callers;
    }

    @Get("/permissions")
    @Operation(summary = "The permission catalog: every scope, its schema permission and the least built-in role holding it",
            operationId = "listPermissions")
    Dtos.PermissionList permissions(HttpRequest<?> request) {
        var entries = FailureException.value(authorization.listPermissions().handle(callers.caller(request)));
        return new Dtos.PermissionList(entries.stream().map(Dtos.PermissionView::of).toList());
    }

    @Post(value = "/authz/check", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether a subject has a permission on a resource (platform admins)", operationId = "checkPermission")
    Dtos.CheckData check(HttpRequest<?> request, @Body Dtos.CheckRequest body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        ObjectRef resource = object("resource", body.resource(), errors);
        String permission = name("permission", body.permission(), errors);
        SubjectRef subject = subject("subject", body.subject(), errors);
        Optional<ConsistencyToken> token = Optional.empty();
        if (body.consistency() != null && body.consistency().atLeastAsFresh() != null) {
            if (body.consistency().atLeastAsFresh().isBlank()) {
                errors.put("consistency.at_least_as_fresh", List.of("must not be blank"));
            } else {
                token = Optional.of(new ConsistencyToken(body.consistency().atLeastAsFresh()));
            }
        }
        requireValid(errors);
        CheckPermission.Checked checked = FailureException.value(authorization.checkPermission().handle(
                new CheckPermission.Command(callers.caller(request), resource, permission, subject, token,
                        body.context())));
        return new Dtos.CheckData(new Dtos.CheckView(checked.permissionship().name().toLowerCase(Locale.ROOT),
                checked.allowed(), Dtos.time(checked.checkedAt()),
                checked.atLeastAsFresh().map(ConsistencyToken::value).orElse(null), checked.missingContext()));
    }

    @Post(value = "/authz/lookup-resources", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "The resources of a type on which a subject has a permission, in id order, continued with a cursor (platform admins)",
            operationId = "lookupResources")
    Dtos.LookupResourcesList lookupResources(HttpRequest<?> request, @Body Dtos.LookupResourcesRequest body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String type = type("resource_type", body.resourceType(), errors);
        String permission = name("permission", body.permission(), errors);
        SubjectRef subject = subject("subject", body.subject(), errors);
        requireValid(errors);
        int limit = body.limit() == null ? LookupResources.DEFAULT_LIMIT : body.limit();
        Optional<String> cursor = Optional.ofNullable(body.cursor()).filter(c -> !c.isBlank());
        CursorPage<dev.gatehouse.core.authorization.Authorizer.FoundResource> page = FailureException.value(authorization.lookupResources().find(
                new LookupResources.Command(callers.caller(request), type, permission, subject, cursor, limit,
                        body.context())));
        return new Dtos.LookupResourcesList(page.items().stream().map(f -> new Dtos.FoundObject(type, f.id(),
                        f.result().permissionship().name().toLowerCase(Locale.ROOT), f.result().missingContext())).toList(),
                new Dtos.CursorMeta(page.nextCursor().orElse(null), limit));
    }

    @Post(value = "/authz/lookup-subjects", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "The subjects of a type that have a permission on a resource, with the wildcard when one applies (platform admins)",
            operationId = "lookupSubjects")
    Dtos.LookupSubjectsList lookupSubjects(HttpRequest<?> request, @Body Dtos.LookupSubjectsRequest body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        ObjectRef resource = object("resource", body.resource(), errors);
        String permission = name("permission", body.permission(), errors);
        String subjectType = type("subject_type", body.subjectType(), errors);
        Optional<String> relation = Optional.ofNullable(body.subjectRelation()).filter(r -> !r.isBlank())
                .filter(r -> !SubjectRef.ELLIPSIS.equals(r));
        relation.ifPresent(r -> name("subject_relation", r, errors));
        requireValid(errors);
        FoundSubjects found = FailureException.value(authorization.lookupSubjects().handle(
                new LookupSubjects.Command(callers.caller(request), resource, permission, subjectType, relation,
                        body.context())));
        java.util.TreeMap<String, Dtos.FoundSubject> subjects = new java.util.TreeMap<>();
        found.subjectIds().forEach(id -> subjects.put(id, new Dtos.FoundSubject(subjectType, id, relation.orElse(null),
                "has_permission", List.of())));
        found.conditionalSubjects().forEach((id, missing) -> subjects.putIfAbsent(id, new Dtos.FoundSubject(subjectType,
                id, relation.orElse(null), "conditional_permission", missing)));
        return new Dtos.LookupSubjectsList(List.copyOf(subjects.values()),
                new Dtos.LookupSubjectsMeta(found.wildcard(), found.excludedFromWildcard(), found.wildcardMissingContext()));
    }

    private static void requireValid(Map<String, List<String>> errors) {
        if (!errors.isEmpty()) {
            throw new FailureException(Failure.invalid(errors));
        }
    }

    private static ObjectRef object(String field, Dtos.AuthzObject o, Map<String, List<String>> errors) {
        if (o == null) {
            errors.put(field, List.of("is required"));
            return null;
        }
        String type = type(field + ".type", o.type(), errors);
        String id = id(field + ".id", o.id(), false, errors);
        return type != null && id != null ? new ObjectRef(type, id) : null;
    }

    private static SubjectRef subject(String field, Dtos.AuthzSubject s, Map<String, List<String>> errors) {
        if (s == null) {
            errors.put(field, List.of("is required"));
            return null;
        }
        String type = type(field + ".type", s.type(), errors);
        String id = id(field + ".id", s.id(), true, errors);
        String relation = s.relation() == null || s.relation().isBlank() || SubjectRef.ELLIPSIS.equals(s.relation())
                ? SubjectRef.ELLIPSIS : name(field + ".relation", s.relation(), errors);
        if (SubjectRef.WILDCARD.equals(id) && relation != null && !SubjectRef.ELLIPSIS.equals(relation)) {
            errors.put(field + ".relation", List.of("a wildcard subject has no relation"));
            return null;
        }
        return type != null && id != null && relation != null ? new SubjectRef(type, id, relation) : null;
    }

    private static String type(String field, String value, Map<String, List<String>> errors) {
        if (value == null || value.isBlank()) {
            errors.put(field, List.of("is required"));
            return null;
        }
        if (!ObjectRef.isValidType(value)) {
            errors.put(field, List.of(TYPE_RULE));
            return null;
        }
        return value;
    }

    private static String name(String field, String value, Map<String, List<String>> errors) {
        if (value == null || value.isBlank()) {
            errors.put(field, List.of("is required"));
            return null;
        }
        if (!ObjectRef.isValidRelation(value)) {
            errors.put(field, List.of(NAME_RULE));
            return null;
        }
        return value;
    }

    private static String id(String field, String value, boolean wildcardAllowed, Map<String, List<String>> errors) {
        if (value == null || value.isEmpty()) {
            errors.put(field, List.of("is required"));
            return null;
        }
        if (!(ObjectRef.isValidId(value) || (wildcardAllowed && SubjectRef.WILDCARD.equals(value)))) {
            errors.put(field, List.of(ID_RULE + (wildcardAllowed ? ", or * for every subject of the type" : "")));
            return null;
        }
        return value;
    }
}
