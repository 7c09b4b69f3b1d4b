package dev.gatehouse.bootstrap;

import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.ResourceAccess;
import dev.gatehouse.http.HttpAdapter;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code /api/v1} route × every principal kind, on the embedded default and on PostgreSQL. The
 * routes come from Micronaut's router; what each principal should get is derived from the declared
 * route table ({@link HttpAdapter#routeRules()}: rule, scope, whether environment keys reach it) and the core
 * catalog ({@link ResourceAccess}, {@link PermissionCatalog}'s least roles): allowed → 2xx, inside
 * the tenant without the permission → 403 naming the scope, another tenant's resource → 404. Every
 * kind sends every route twice: against its own organization's fixture (inside) and against an
 * identical fixture of another organization staffed by another crew (outside), where everything but
 * a platform admin is 404 wherever the route names that organization's resource, whatever the
 * principal lacks ({@link #expectedOutside}). A route without a case (or a table entry) fails
 * {@link #matrix()}. Cases whose answer the table cannot
 * derive (who the caller is: the invitee, the requester; members' non-production keys) say so.
 *
 * <p>Fixtures are shared: a case runs against the current fixture, and only a case marked
 * {@code fresh} (it deletes or changes state another principal's attempt would trip over) replaces
 * the fixture after a success. Denied requests change nothing, so they never need a fresh one.
 */
class TenancyAccessMatrixTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    /** The principal kinds. */
    enum Kind {
        PLATFORM_ADMIN, OWNER, ADMIN, MEMBER, VIEWER,
        /** An organization viewer made admin of the fixture's project by a role assignment. */
        PROJECT_ADMIN,
        /**
         * An organization viewer whose reach is the fixture's development environment: as a member it was
         * granted admin there for a while (an auto-approved, time-boxed access request), then made viewer.
         */
        GRANTEE,
        /** An organization key holding every scope an organization key may hold. */
        ORGANIZATION_KEY,
        /** A key of the fixture's development environment holding every scope an environment key may hold. */
        ENVIRONMENT_KEY,
        /** An organization key holding {@link #NARROW_SCOPE} only: every other route is 403 naming its scope inside, 404 outside. */
        NARROW_ORGANIZATION_KEY,
        /** A development environment key holding {@link #NARROW_SCOPE} only. */
        NARROW_ENVIRONMENT_KEY,
        /** A user of another organization. */
        OUTSIDER,
        /** An organization key of another organization holding every scope. */
        OTHER_ORGANIZATION_KEY
    }

    private static final List<Kind> USERS_IN_ORG = List.of(Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.PROJECT_ADMIN,
            Kind.GRANTEE);

    /** The one scope the narrow keys hold. */
    static final String NARROW_SCOPE = "entitlements:read";

    /** A request per route and what the table cannot derive. */
    private static final class Case {
        final Function<Fixture, String> path;
        final BiFunction<Fixture, String, String> body;
        boolean fresh;
        boolean deleteProjectFirst;
        /** Acts on the fixture's project or something in it (a project admin acts there as admin). */
        boolean inProject;
        /** Inside the development environment key's reach (its environment, its project, its organization's entitlements). */
        boolean environmentReach;
        /** Acts on the development environment or something in it (the grantee acts there as admin). */
        boolean inEnvironment;
        /** Names no tenant's resource (or one the route does not decide on): outside is answered as inside. */
        boolean tenantFree;
        final Map<Kind, Integer> expected = new EnumMap<>(Kind.class);
        /** What the table cannot derive for the request on another organization's fixture. */
        final Map<Kind, Integer> outside = new EnumMap<>(Kind.class);
        /** The credentials a kind sends when not its shared token (a route that ends the caller's session). */
        BiFunction<Fixture, Kind, String> token;

        Case(Function<Fixture, String> path, BiFunction<Fixture, String, String> body) {
            this.path = path;
            this.body = body;
        }

        /** Each kind sends a credential of its own for this case (users: a fresh session). */
        Case token(BiFunction<Fixture, Kind, String> token) {
            this.token = token;
            return this;
        }

        Case fresh() {
            fresh = true;
            return this;
        }

        Case inProject() {
            inProject = true;
            return this;
        }

        Case reach() {
            inProject = true;
            environmentReach = true;
            return this;
        }

        /** Inside the environment key's reach, on the organization (its entitlement checks and usage). */
        Case keyReach() {
            environmentReach = true;
            return this;
        }

        Case inEnvironment() {
            inEnvironment = true;
            return this;
        }

        Case tenantFree() {
            tenantFree = true;
            return this;
        }

        /** What the table cannot derive on the other organization's fixture. */
        Case outside(int status, Kind... kinds) {
            for (Kind k : kinds) {
                outside.put(k, status);
            }
            return this;
        }

        Case deleteProjectFirst() {
            deleteProjectFirst = true;
            fresh = true;
            return this;
        }

        /** What the table cannot derive: these kinds get {@code status} (2 = any 2xx). */
        Case expect(int status, Kind... kinds) {
            for (Kind k : kinds) {
                expected.put(k, status);
            }
            return this;
        }
    }

    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    private static Case put(String route, Function<Fixture, String> path, BiFunction<Fixture, String, String> body) {
        Case c = new Case(path, body);
        CASES.put(route, c);
        return c;
    }

    /** A seed path (ADR 32) sent like its canonical route's case, expecting the same answers. */
    private static Case alias(String seedRoute, String canonicalRoute, java.util.function.UnaryOperator<String> seedPath) {
        Case c = CASES.get(canonicalRoute);
        Case a = new Case(f -> seedPath.apply(c.path.apply(f)), c.body);
        a.fresh = c.fresh;
        a.deleteProjectFirst = c.deleteProjectFirst;
        a.inProject = c.inProject;
        a.environmentReach = c.environmentReach;
        a.inEnvironment = c.inEnvironment;
        a.tenantFree = c.tenantFree;
        a.expected.putAll(c.expected);
        a.outside.putAll(c.outside);
        a.token = c.token;
        CASES.put(seedRoute, a);
        return a;
    }

    private static Case get(String route, Function<Fixture, String> path) {
        return put(route, path, (f, n) -> null);
    }

    private static final Kind[] KEYS = {Kind.ORGANIZATION_KEY, Kind.ENVIRONMENT_KEY, Kind.OTHER_ORGANIZATION_KEY,
            Kind.NARROW_ORGANIZATION_KEY, Kind.NARROW_ENVIRONMENT_KEY};
    private static final Kind[] ENVIRONMENT_KEYS = {Kind.ENVIRONMENT_KEY, Kind.NARROW_ENVIRONMENT_KEY};
    private static final Kind[] ALL = Kind.values();

    static {
        put("POST /api/v1/auth/login", f -> "/api/v1/auth/login",
                (f, n) -> "{\"email\":\"" + f.world.email("viewer") + "\",\"password\":\"" + f.world.password("viewer") + "\"}");
        // open sign-up is off by default (GATEHOUSE_SIGNUP=invite): refused for everyone, credentials or not
        put("POST /api/v1/auth/signup", f -> "/api/v1/auth/signup", (f, n) -> "{\"email\":\"signup" + n
                + "@example.com\",\"name\":\"New\",\"password\":\"a long password " + n + "\"}").tenantFree().expect(403, ALL);
        // a link's token decides, whoever asks: an unknown one is not found
        put("POST /api/v1/auth/verify-email", f -> "/api/v1/auth/verify-email", (f, n) -> "{\"token\":\"" + "x".repeat(40) + "\"}")
                .tenantFree().expect(404, ALL);
        put("POST /api/v1/auth/token", f -> "/api/v1/auth/token", (f, n) -> "{}").tenantFree()
                .expect(2, ENVIRONMENT_KEYS).expect(403, Kind.PLATFORM_ADMIN, Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.VIEWER,
                        Kind.PROJECT_ADMIN, Kind.GRANTEE, Kind.OUTSIDER).expect(422, Kind.ORGANIZATION_KEY, Kind.OTHER_ORGANIZATION_KEY, Kind.NARROW_ORGANIZATION_KEY);
        // introspection answers 200 to whoever may ask (inactive for a token they may not see); narrow keys lack the scope
        put("POST /api/v1/auth/introspect", f -> "/api/v1/auth/introspect", (f, n) -> "{\"token\":\"" + f.accessToken + "\"}")
                .expect(2, Kind.PLATFORM_ADMIN, Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.PROJECT_ADMIN,
                        Kind.GRANTEE, Kind.OUTSIDER, Kind.ORGANIZATION_KEY, Kind.ENVIRONMENT_KEY, Kind.OTHER_ORGANIZATION_KEY)
                .outside(2, Kind.PLATFORM_ADMIN, Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.PROJECT_ADMIN,
                        Kind.GRANTEE, Kind.OUTSIDER, Kind.ORGANIZATION_KEY, Kind.ENVIRONMENT_KEY, Kind.OTHER_ORGANIZATION_KEY)
                .outside(403, Kind.NARROW_ORGANIZATION_KEY, Kind.NARROW_ENVIRONMENT_KEY);
        get("GET /api/v1/me", f -> "/api/v1/me");
        get("GET /api/v1/permissions", f -> "/api/v1/permissions");
        put("POST /api/v1/authz/check", f -> "/api/v1/authz/check", (f, n) -> "{\"resource\":{\"type\":\"organization\",\"id\":\""
                + f.org + "\"},\"permission\":\"projects_read\",\"subject\":{\"type\":\"user\",\"id\":\"" + f.id("viewer") + "\"}}")
                .tenantFree().expect(403, Kind.OUTSIDER);
        put("POST /api/v1/authz/lookup-resources", f -> "/api/v1/authz/lookup-resources", (f, n) -> "{\"resource_type\":\"project\","
                + "\"permission\":\"projects_read\",\"subject\":{\"type\":\"user\",\"id\":\"" + f.id("viewer") + "\"}}")
                .tenantFree().expect(403, Kind.OUTSIDER);
        put("POST /api/v1/authz/lookup-subjects", f -> "/api/v1/authz/lookup-subjects", (f, n) -> "{\"resource\":{\"type\":\"organization\","
                + "\"id\":\"" + f.org + "\"},\"permission\":\"projects_read\",\"subject_type\":\"user\"}")
                .tenantFree().expect(403, Kind.OUTSIDER);
        get("GET /api/v1/audit-events", f -> "/api/v1/audit-events?organization_id=" + f.org);
        get("GET /api/v1/audit-events/export", f -> "/api/v1/audit-events/export?organization_id=" + f.org);
        get("GET /api/v1/users", f -> "/api/v1/users").tenantFree().expect(403, Kind.OUTSIDER);
        get("GET /api/v1/mail/deliveries", f -> "/api/v1/mail/deliveries").tenantFree().expect(403, Kind.OUTSIDER);
        put("POST /api/v1/users", f -> "/api/v1/users", (f, n) -> "{\"email\":\"new" + n + "@example.com\",\"password\":\"a long password "
                + n + "\",\"name\":\"New\"}").tenantFree().expect(403, Kind.OUTSIDER);
        get("GET /api/v1/users/{id}", f -> "/api/v1/users/" + f.id("target")).tenantFree()
                .expect(2, Kind.PLATFORM_ADMIN).expect(404, Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.PROJECT_ADMIN, Kind.GRANTEE,
                        Kind.OUTSIDER).expect(404, KEYS);
        put("PATCH /api/v1/users/{id}", f -> "/api/v1/users/" + f.id("target"), (f, n) -> "{\"name\":\"Target\"}").tenantFree()
                .expect(2, Kind.PLATFORM_ADMIN).expect(404, Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.PROJECT_ADMIN, Kind.GRANTEE,
                        Kind.OUTSIDER).expect(404, KEYS);
        // other users are invisible to everyone but platform admins
        // logging out ends the session that asks: users send a fresh one; keys are refused (they are revoked instead)
        put("POST /api/v1/auth/logout", f -> "/api/v1/auth/logout", (f, n) -> "{}").token(Fixture::freshSession).tenantFree()
                .expect(2, Kind.PLATFORM_ADMIN, Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.PROJECT_ADMIN, Kind.GRANTEE, Kind.OUTSIDER)
                .expect(403, KEYS);
        // a user's sessions: the user themself or a platform admin; the target's session is a new one each time
        get("GET /api/v1/users/{id}/sessions", f -> "/api/v1/users/" + f.world.ids.get("target") + "/sessions").tenantFree()
                .expect(2, Kind.PLATFORM_ADMIN).expect(404, Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.PROJECT_ADMIN,
                        Kind.GRANTEE, Kind.OUTSIDER).expect(404, KEYS);
        put("DELETE /api/v1/users/{id}/sessions/{sessionId}", f -> "/api/v1/users/" + f.world.ids.get("target") + "/sessions/"
                + f.world.targetSession(), (f, n) -> null).tenantFree()
                .expect(2, Kind.PLATFORM_ADMIN).expect(404, Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.PROJECT_ADMIN,
                        Kind.GRANTEE, Kind.OUTSIDER).expect(404, KEYS);
        put("DELETE /api/v1/users/{id}", f -> "/api/v1/users/" + f.spare(), (f, n) -> null).fresh().tenantFree()
                .expect(404, Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.PROJECT_ADMIN, Kind.GRANTEE, Kind.OUTSIDER);

        get("GET /api/v1/organizations", f -> "/api/v1/organizations");
        put("POST /api/v1/organizations", f -> "/api/v1/organizations", (f, n) -> "{\"name\":\"Another " + n + "\"}").tenantFree()
                .expect(2, Kind.PLATFORM_ADMIN, Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.PROJECT_ADMIN, Kind.GRANTEE, Kind.OUTSIDER)
                .expect(403, KEYS);
        get("GET /api/v1/organizations/{id}", f -> "/api/v1/organizations/" + f.org);
        put("PATCH /api/v1/organizations/{id}", f -> "/api/v1/organizations/" + f.org, (f, n) -> "{\"name\":\"Renamed\"}");
        put("DELETE /api/v1/organizations/{id}", f -> "/api/v1/organizations/" + f.org, (f, n) -> null).fresh();
        // the seed profile's workspaces (ADR 32): the same decisions as the organizations they are
        get("GET /api/v1/workspaces", f -> "/api/v1/workspaces");
        put("POST /api/v1/workspaces", f -> "/api/v1/workspaces", (f, n) -> "{\"name\":\"Workspace " + n + "\"}").tenantFree()
                .expect(2, Kind.PLATFORM_ADMIN, Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.PROJECT_ADMIN, Kind.GRANTEE, Kind.OUTSIDER)
                .expect(403, KEYS);
        get("GET /api/v1/workspaces/{id}", f -> "/api/v1/workspaces/" + f.org);
        put("PATCH /api/v1/workspaces/{id}", f -> "/api/v1/workspaces/" + f.org, (f, n) -> "{\"name\":\"Renamed\"}");
        put("DELETE /api/v1/workspaces/{id}", f -> "/api/v1/workspaces/" + f.org, (f, n) -> null).fresh();
        get("GET /api/v1/organizations/{id}/members", f -> "/api/v1/organizations/" + f.org + "/members");
        put("POST /api/v1/organizations/{id}/members", f -> "/api/v1/organizations/" + f.org + "/members",
                (f, n) -> "{\"user_id\":\"" + f.spare() + "\",\"role\":\"viewer\"}").fresh();
        put("PATCH /api/v1/organizations/{id}/members/{userId}", f -> "/api/v1/organizations/" + f.org + "/members/"
                + f.id("target"), (f, n) -> "{\"role\":\"viewer\"}").fresh();
        put("DELETE /api/v1/organizations/{id}/members/{userId}", f -> "/api/v1/organizations/" + f.org + "/members/"
                + f.id("target"), (f, n) -> null).fresh();
        get("GET /api/v1/organizations/{id}/invitations", f -> "/api/v1/organizations/" + f.org + "/invitations");
        put("POST /api/v1/organizations/{id}/invitations", f -> "/api/v1/organizations/" + f.org + "/invitations",
                (f, n) -> "{\"email\":\"invited" + n + "@example.com\",\"role\":\"viewer\"}");
        put("DELETE /api/v1/organizations/{id}/invitations/{invitationId}", f -> "/api/v1/organizations/" + f.org + "/invitations/"
                + f.invitation, (f, n) -> null).fresh();
        put("POST /api/v1/organizations/{id}/invitations/{invitationId}/resend", f -> "/api/v1/organizations/" + f.org
                + "/invitations/" + f.invitation + "/resend", (f, n) -> "{}");
        // nobody here is the invitee: users see no such invitation, keys are told to sign in as the invitee
        put("POST /api/v1/invitations/{token}/accept", f -> "/api/v1/invitations/" + f.invitationToken + "/accept", (f, n) -> "{}").tenantFree()
                .expect(404, Kind.PLATFORM_ADMIN, Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.PROJECT_ADMIN, Kind.GRANTEE, Kind.OUTSIDER)
                .expect(401, KEYS);
        put("PUT /api/v1/organizations/{id}/plan", f -> "/api/v1/organizations/" + f.org + "/plan", (f, n) -> "{\"tier\":\"enterprise\"}")
                .expect(404, Kind.OTHER_ORGANIZATION_KEY);
        put("PUT /api/v1/organizations/{id}/entitlements/{feature}", f -> "/api/v1/organizations/" + f.org + "/entitlements/posts",
                (f, n) -> "{\"limit\":5}").expect(404, Kind.OTHER_ORGANIZATION_KEY);

        put("POST /api/v1/projects", f -> "/api/v1/projects", (f, n) -> "{\"organization_id\":\"" + f.org + "\",\"name\":\"P" + n + "\"}");
        get("GET /api/v1/projects", f -> "/api/v1/projects");
        get("GET /api/v1/projects/{id}", f -> "/api/v1/projects/" + f.project).reach();
        put("PATCH /api/v1/projects/{id}", f -> "/api/v1/projects/" + f.project, (f, n) -> "{\"name\":\"Renamed\"}").reach();
        put("DELETE /api/v1/projects/{id}", f -> "/api/v1/projects/" + f.project, (f, n) -> null).reach().fresh();
        // the environment key of a deleted project no longer authenticates
        put("POST /api/v1/projects/{id}/restore", f -> "/api/v1/projects/" + f.project + "/restore", (f, n) -> "{}").reach()
                .deleteProjectFirst().expect(401, ENVIRONMENT_KEYS).outside(401, ENVIRONMENT_KEYS);
        get("GET /api/v1/projects/{id}/environments", f -> "/api/v1/projects/" + f.project + "/environments").reach();
        put("POST /api/v1/environments", f -> "/api/v1/environments", (f, n) -> "{\"project_id\":\"" + f.project + "\",\"name\":\"qa"
                + n + "\",\"kind\":\"staging\"}").inProject();
        // the development environment key deletes nothing; its own environment is out of reach of environments:write
        put("DELETE /api/v1/environments/{id}", f -> "/api/v1/environments/" + f.staging, (f, n) -> null).inProject().fresh();

        // seeds 000 (/api/projects…) and 004 (/projects…, /api-keys/{id}): the same decisions as their canonical routes (ADR 32)
        for (String base : List.of("/api/projects", "/projects")) {
            String keys = base.equals("/projects") ? "/api-keys" : "/keys";
            get("GET " + base, f -> base);
            put("POST " + base, f -> base, (f, n) -> "{\"organization_id\":\"" + f.org + "\",\"name\":\"P" + n + "\"}");
            get("GET " + base + "/{id}", f -> base + "/" + f.project).reach();
            put("PATCH " + base + "/{id}", f -> base + "/" + f.project, (f, n) -> "{\"name\":\"Renamed\"}").reach();
            put("DELETE " + base + "/{id}", f -> base + "/" + f.project, (f, n) -> null).reach().fresh();
            get("GET " + base + "/{id}" + keys, f -> base + "/" + f.project + keys).reach();
            put("POST " + base + "/{id}" + keys, f -> base + "/" + f.project + keys,
                    (f, n) -> "{\"name\":\"k" + n + "\",\"environment\":\"development\"}").reach().inEnvironment().expect(2, Kind.MEMBER);
        }
        put("DELETE /api/projects/{id}/keys/{kid}", f -> "/api/projects/" + f.project + "/keys/" + f.victimId, (f, n) -> null).reach()
                .inEnvironment().fresh().expect(2, Kind.MEMBER);
        put("DELETE /api-keys/{id}", f -> "/api-keys/" + f.victimId, (f, n) -> null).reach().inEnvironment().fresh()
                .expect(2, Kind.MEMBER);

        get("GET /api/v1/projects/{id}/api-keys", f -> "/api/v1/projects/" + f.project + "/api-keys").reach();
        // members issue keys for non-production environments; an environment key only for its own environment
        put("POST /api/v1/projects/{id}/api-keys", f -> "/api/v1/projects/" + f.project + "/api-keys",
                (f, n) -> "{\"name\":\"k" + n + "\",\"environment\":\"development\"}").reach().inEnvironment().expect(2, Kind.MEMBER);
        get("GET /api/v1/api-keys", f -> "/api/v1/api-keys?organization_id=" + f.org);
        put("POST /api/v1/api-keys", f -> "/api/v1/api-keys", (f, n) -> "{\"organization_id\":\"" + f.org + "\",\"name\":\"k" + n + "\"}");
        get("GET /api/v1/api-keys/{id}", f -> "/api/v1/api-keys/" + f.victimId).reach().inEnvironment();
        put("DELETE /api/v1/api-keys/{id}", f -> "/api/v1/api-keys/" + f.victimId, (f, n) -> null).reach().inEnvironment().fresh()
                .expect(2, Kind.MEMBER);
        put("POST /api/v1/api-keys/{id}/rotate", f -> "/api/v1/api-keys/" + f.victimId + "/rotate", (f, n) -> "{}").reach().inEnvironment().fresh()
                .expect(2, Kind.MEMBER);
        // always 200: a key the caller may not verify is NOT_FOUND
        put("POST /api/v1/api-keys/verify", f -> "/api/v1/api-keys/verify", (f, n) -> "{\"key\":\"" + f.victimSecret + "\"}")
                .expect(2, Kind.PLATFORM_ADMIN, Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.PROJECT_ADMIN,
                        Kind.GRANTEE, Kind.OUTSIDER, Kind.ORGANIZATION_KEY, Kind.ENVIRONMENT_KEY, Kind.OTHER_ORGANIZATION_KEY)
                .outside(2, Kind.PLATFORM_ADMIN, Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.PROJECT_ADMIN,
                        Kind.GRANTEE, Kind.OUTSIDER, Kind.ORGANIZATION_KEY, Kind.ENVIRONMENT_KEY, Kind.OTHER_ORGANIZATION_KEY)
                // a narrow key lacks api-keys:verify; the request names no resource, so inside or out it is told so
                .outside(403, Kind.NARROW_ORGANIZATION_KEY, Kind.NARROW_ENVIRONMENT_KEY);
        get("GET /api/v1/projects/{id}/signing-keys", f -> "/api/v1/projects/" + f.project + "/signing-keys").reach();
        put("POST /api/v1/projects/{id}/signing-keys/rotate", f -> "/api/v1/projects/" + f.project + "/signing-keys/rotate",
                (f, n) -> "{}").inProject();
        get("GET /api/v1/projects/{id}/jwks.json", f -> "/api/v1/projects/" + f.project + "/jwks.json");

        get("GET /api/v1/plans", f -> "/api/v1/plans");
        get("GET /api/v1/entitlements/check", f -> "/api/v1/entitlements/check?feature=api_calls&organization_id=" + f.org).keyReach();
        get("GET /api/v1/entitlements/summary", f -> "/api/v1/entitlements/summary?organization_id=" + f.org).keyReach();
        put("POST /api/v1/entitlements/usage", f -> "/api/v1/entitlements/usage",
                (f, n) -> "{\"organization_id\":\"" + f.org + "\",\"feature\":\"api_calls\",\"quantity\":1}").keyReach();

        get("GET /api/v1/roles", f -> "/api/v1/roles?organization_id=" + f.org);
        put("POST /api/v1/roles", f -> "/api/v1/roles",
                (f, n) -> "{\"organization_id\":\"" + f.org + "\",\"name\":\"Reader " + n + "\",\"permissions\":[\"projects:read\"]}");
        get("GET /api/v1/roles/{id}", f -> "/api/v1/roles/" + f.role);
        put("PUT /api/v1/roles/{id}/permissions", f -> "/api/v1/roles/" + f.role + "/permissions",
                (f, n) -> "{\"permissions\":[\"audit:read\"]}");
        put("DELETE /api/v1/roles/{id}", f -> "/api/v1/roles/" + f.role, (f, n) -> null).fresh();
        get("GET /api/v1/role-assignments", f -> "/api/v1/role-assignments?organization_id=" + f.org);
        put("POST /api/v1/role-assignments", f -> "/api/v1/role-assignments", (f, n) -> "{\"role_id\":\"" + f.role + "\",\"user_id\":\""
                + f.id("target") + "\",\"resource\":{\"type\":\"project\",\"id\":\"" + f.project + "\"}}").fresh();
        put("DELETE /api/v1/role-assignments/{id}", f -> "/api/v1/role-assignments/" + f.assignment, (f, n) -> null).fresh();
        get("GET /api/v1/users/{id}/roles", f -> "/api/v1/users/" + f.id("target") + "/roles?organization_id=" + f.org);

        // users ask for themselves: every member may ask for the viewer role on the project except viewers
        put("POST /api/v1/access-requests", f -> "/api/v1/access-requests",
                (f, n) -> "{\"resource_type\":\"project\",\"resource_id\":\"" + f.project + "\",\"role\":\"viewer\"}")
                .expect(2, Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.PROJECT_ADMIN, Kind.PLATFORM_ADMIN).expect(403, Kind.VIEWER, Kind.GRANTEE)
                .expect(403, KEYS).expect(404, Kind.OUTSIDER, Kind.OTHER_ORGANIZATION_KEY);
        get("GET /api/v1/access-requests", f -> "/api/v1/access-requests?organization_id=" + f.org);
        get("GET /api/v1/access-requests/{id}", f -> "/api/v1/access-requests/" + f.pending).inProject();
        // the stage's approvers hold access_requests_approve on the project: not members, viewers or platform admins
        // as such; API keys never decide
        put("POST /api/v1/access-requests/{id}/approve", f -> "/api/v1/access-requests/" + f.pending + "/approve",
                (f, n) -> "{\"comment\":\"ok\"}").inProject().fresh()
                .expect(403, Kind.PLATFORM_ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.GRANTEE).expect(403, KEYS)
                .expect(404, Kind.OTHER_ORGANIZATION_KEY);
        put("POST /api/v1/access-requests/{id}/reject", f -> "/api/v1/access-requests/" + f.pending + "/reject",
                (f, n) -> "{\"reason\":\"no\"}").inProject().fresh()
                .expect(403, Kind.PLATFORM_ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.GRANTEE).expect(403, KEYS)
                .expect(404, Kind.OTHER_ORGANIZATION_KEY);
        put("POST /api/v1/access-requests/{id}/cancel", f -> "/api/v1/access-requests/" + f.pending + "/cancel", (f, n) -> "{}")
                .expect(403, Kind.OWNER, Kind.ADMIN, Kind.MEMBER, Kind.VIEWER, Kind.PROJECT_ADMIN, Kind.GRANTEE, Kind.PLATFORM_ADMIN)
                // keys never cancel: 403 in their organization, 404 for another's request
                .expect(403, Kind.ORGANIZATION_KEY, Kind.NARROW_ORGANIZATION_KEY, Kind.ENVIRONMENT_KEY, Kind.NARROW_ENVIRONMENT_KEY)
                .expect(404, Kind.OUTSIDER, Kind.OTHER_ORGANIZATION_KEY)
                // only the requester cancels: a platform admin is told so anywhere
                .outside(403, Kind.PLATFORM_ADMIN);
        put("POST /api/v1/access-requests/{id}/revoke", f -> "/api/v1/access-requests/" + f.approved + "/revoke", (f, n) -> "{}")
                .inProject().inEnvironment().fresh();
        put("POST /api/v1/workflows", f -> "/api/v1/workflows", (f, n) -> "{\"organization_id\":\"" + f.org + "\",\"name\":\"w" + n
                + "\",\"stages\":[{\"organization_role\":\"admin\"}]}");
        get("GET /api/v1/workflows", f -> "/api/v1/workflows?organization_id=" + f.org);
        get("GET /api/v1/workflows/{id}", f -> "/api/v1/workflows/" + f.workflow);
        put("PUT /api/v1/workflows/{id}", f -> "/api/v1/workflows/" + f.workflow,
                (f, n) -> "{\"name\":\"w" + n + "\",\"stages\":[{\"permission\":\"access_requests_approve\"}]}");
        put("DELETE /api/v1/workflows/{id}", f -> "/api/v1/workflows/" + f.spareWorkflow, (f, n) -> null).fresh();
        put("POST /api/v1/policies", f -> "/api/v1/policies", (f, n) -> "{\"organization_id\":\"" + f.org + "\",\"name\":\"p" + n
                + "\",\"workflow_id\":\"" + f.workflow + "\"}");
        get("GET /api/v1/policies", f -> "/api/v1/policies?organization_id=" + f.org);
        get("GET /api/v1/policies/{id}", f -> "/api/v1/policies/" + f.policy);
        put("PUT /api/v1/policies/{id}", f -> "/api/v1/policies/" + f.policy, (f, n) -> "{\"name\":\"p" + n + "\",\"auto_approve\":true}");
        put("DELETE /api/v1/policies/{id}", f -> "/api/v1/policies/" + f.policy, (f, n) -> null).fresh();

        get("GET /api/v1/webhooks", f -> "/api/v1/webhooks?organization_id=" + f.org);
        put("POST /api/v1/webhooks", f -> "/api/v1/webhooks",
                (f, n) -> "{\"organization_id\":\"" + f.org + "\",\"url\":\"http://127.0.0.1:9/other\",\"events\":[\"*\"]}");
        get("GET /api/v1/webhooks/{id}", f -> "/api/v1/webhooks/" + f.webhook);
        put("PATCH /api/v1/webhooks/{id}", f -> "/api/v1/webhooks/" + f.webhook, (f, n) -> "{\"events\":[\"project.*\"]}");
        put("DELETE /api/v1/webhooks/{id}", f -> "/api/v1/webhooks/" + f.webhook, (f, n) -> null).fresh();
        put("POST /api/v1/webhooks/{id}/rotate-secret", f -> "/api/v1/webhooks/" + f.webhook + "/rotate-secret", (f, n) -> "{}");
        get("GET /api/v1/webhooks/{id}/deliveries", f -> "/api/v1/webhooks/" + f.webhook + "/deliveries");
        put("POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry", f -> "/api/v1/webhooks/" + f.webhook + "/deliveries/"
                + f.delivery + "/retry", (f, n) -> "{}").fresh();
        put("POST /api/v1/webhooks/{id}/test", f -> "/api/v1/webhooks/" + f.webhook + "/test", (f, n) -> "{}");
        put("POST /api/v1/webhooks/{id}/replay", f -> "/api/v1/webhooks/" + f.webhook + "/replay",
                (f, n) -> "{\"since\":\"2020-01-01T00:00:00Z\"}");
        get("GET /api/v1/event-types", f -> "/api/v1/event-types");
        // seed 000's module reads (ADR 32): tenants are the organizations, webhooks the same endpoints
        for (String route : List.of("GET /api/v1/organizations", "GET /api/v1/organizations/{id}")) {
            alias(route.replace("/api/v1/organizations", "/api/tenants"), route,
                    p -> p.replace("/api/v1/organizations", "/api/tenants"));
        }
        for (String route : List.of("GET /api/v1/webhooks", "GET /api/v1/webhooks/{id}", "GET /api/v1/webhooks/{id}/deliveries")) {
            alias(route.replace("/api/v1/webhooks", "/api/webhooks"), route, p -> p.replace("/api/v1/webhooks", "/api/webhooks"));
        }

        // seed 002 (ADR 32): the same requests at the seed's paths, decided as their canonical routes
        for (String route : List.of("POST /api/v1/access-requests", "GET /api/v1/access-requests", "GET /api/v1/access-requests/{id}",
                "POST /api/v1/access-requests/{id}/approve", "POST /api/v1/access-requests/{id}/reject",
                "POST /api/v1/access-requests/{id}/cancel")) {
            alias(route.replace("/access-requests", "/requests"), route, p -> p.replace("/api/v1/access-requests", "/api/v1/requests"));
        }
        for (String route : List.of("POST /api/v1/role-assignments", "GET /api/v1/role-assignments",
                "DELETE /api/v1/role-assignments/{id}")) {
            alias(route.replace("/role-assignments", "/user-roles"), route, p -> p.replace("/api/v1/role-assignments", "/api/v1/user-roles"));
        }
        put("PUT /api/v1/projects/{id}/status", f -> "/api/v1/projects/" + f.project + "/status", (f, n) -> "{\"status\":\"active\"}")
                .inProject();
        get("GET /api/v1/environments", f -> "/api/v1/environments");
        // seed 003: /v1/admin/… = /api/v1/…
        for (String route : List.of("POST /projects", "GET /projects", "GET /projects/{id}", "PATCH /projects/{id}",
                "POST /projects/{id}/api-keys", "GET /projects/{id}/api-keys", "GET /projects/{id}/signing-keys",
                "POST /projects/{id}/signing-keys/rotate", "GET /users", "GET /users/{id}", "PATCH /users/{id}", "DELETE /users/{id}",
                "POST /organizations", "GET /organizations", "GET /organizations/{id}", "PATCH /organizations/{id}",
                "DELETE /organizations/{id}", "GET /organizations/{id}/members", "POST /organizations/{id}/members",
                "PATCH /organizations/{id}/members/{userId}", "DELETE /organizations/{id}/members/{userId}",
                "POST /organizations/{id}/invitations", "GET /organizations/{id}/invitations",
                "DELETE /organizations/{id}/invitations/{invitationId}", "POST /webhooks", "GET /webhooks",
                "GET /webhooks/{id}/deliveries", "POST /webhooks/{id}/test")) {
            int space = route.indexOf(' ');
            String canonical = route.substring(0, space) + " /api/v1" + route.substring(space + 1);
            String seed = route.substring(0, space) + " /v1/admin" + route.substring(space + 1);
            Case c = CASES.get(canonical);
            if (c == null) {
                throw new IllegalStateException("no case for " + canonical);
            }
            alias(seed, canonical, p -> p.replaceFirst("^/api/v1/", "/v1/admin/"));
        }
        put("DELETE /v1/admin/projects/{id}/api-keys/{keyId}", f -> "/v1/admin/projects/" + f.project + "/api-keys/" + f.victimId,
                (f, n) -> null).reach().inEnvironment().fresh().expect(2, Kind.MEMBER);
        alias("GET /v1/admin/audit", "GET /api/v1/audit-events", p -> p.replace("/api/v1/audit-events", "/v1/admin/audit"));
        // seed 002's read request: the viewer role, as the canonical case asks; last, on fixtures replaced since the
        // same request was submitted at /api/v1/requests (a second open request for it would be 409)
        alias("POST /api/v1/requests/read", "POST /api/v1/access-requests",
                p -> p.replace("/api/v1/access-requests", "/api/v1/requests/read"));
    }

    /**
     * One server per store with its users, another organization with its owner and an organization key,
     * and a second crew (prefix {@code o-}) whose fixture is "outside": every kind's request is sent
     * to it too, and must be 404 wherever it names that organization's resource.
     */
    private static final class World {
        final String store;
        final EmbeddedServer server;
        final Http http;
        final String suffix = Long.toString(System.nanoTime(), 36);
        final Map<String, String> ids = new LinkedHashMap<>();
        final Map<String, String> tokens = new LinkedHashMap<>();
        final AtomicInteger seq = new AtomicInteger();
        String otherOrgKey;
        Fixture current;
        Fixture outside;

        World(String store) throws Exception {
            this.store = store;
            server = GatehouseServer.start(TestServers.config(store, POSTGRES)
                            .withWebhooks(new ServerConfig.Webhooks(false, 32, true, "127.0.0.0/8")),
                    Map.of("gatehouse.admin.email", "root@example.com", "gatehouse.admin.password", "a long admin password"));
            http = new Http(server.getURL().toString());
            tokens.put("root", http.login("root@example.com", "a long admin password"));
            for (String name : List.of("owner", "admin", "member", "viewer", "projadmin", "target", "grantee", "outsider",
                    "o-owner", "o-admin", "o-member", "o-viewer", "o-projadmin", "o-target", "o-grantee")) {
                ids.put(name, user(name));
                tokens.put(name, http.login(email(name), password(name)));
            }
            String other = created(http.post("/api/v1/organizations", "{\"name\":\"Elsewhere\"}", tokens.get("outsider")));
            // its key sends a request per route: not the free tier's 60 a minute
            expect(http.send("PUT", "/api/v1/organizations/" + other + "/plan", "{\"tier\":\"enterprise\"}", tokens.get("root")), 200);
            var key = http.post("/api/v1/api-keys", "{\"organization_id\":\"" + other + "\",\"name\":\"other\",\"scopes\":"
                    + json(ResourceAccess.keyScopes(false)) + "}", tokens.get("outsider"));
            expect(key, 201);
            otherOrgKey = Http.field(key.body(), "key");
        }

        String email(String name) {
            return name + "-" + suffix + "@example.com";
        }

        String password(String name) {
            return "the long password of " + name;
        }

        String user(String name) throws Exception {
            return created(http.post("/api/v1/users", "{\"email\":\"" + email(name) + "\",\"password\":\"" + password(name)
                    + "\",\"name\":\"" + name + "\"}", tokens.get("root")));
        }

        String token(Kind kind, Fixture f) {
            return switch (kind) {
                case PLATFORM_ADMIN -> tokens.get("root");
                case OWNER -> tokens.get("owner");
                case ADMIN -> tokens.get("admin");
                case MEMBER -> tokens.get("member");
                case VIEWER -> tokens.get("viewer");
                case PROJECT_ADMIN -> tokens.get("projadmin");
                case GRANTEE -> tokens.get("grantee");
                case NARROW_ORGANIZATION_KEY -> f.narrowOrganizationKey;
                case NARROW_ENVIRONMENT_KEY -> f.narrowEnvironmentKey;
                case OUTSIDER -> tokens.get("outsider");
                case ORGANIZATION_KEY -> f.organizationKey;
                case ENVIRONMENT_KEY -> f.environmentKey;
                case OTHER_ORGANIZATION_KEY -> otherOrgKey;
            };
        }

        /** A new session of the target user, by its id. */
        String targetSession() {
            try {
                String token = http.login(email("target"), password("target"));
                var sessions = http.get("/api/v1/users/" + ids.get("target") + "/sessions", token);
                expect(sessions, 200);
                return Http.field(sessions.body(), "id");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        Fixture fixture(boolean deleteProject) throws Exception {
            return new Fixture(this, deleteProject, "");
        }

        /** A fixture of another organization, owned and staffed by the {@code o-} crew. */
        Fixture outsideFixture(boolean deleteProject) throws Exception {
            return new Fixture(this, deleteProject, "o-");
        }

        void close() {
            server.getApplicationContext().close();
        }
    }

    private static final Pattern ENVIRONMENT = Pattern.compile("\"id\"\\s*:\\s*\"(env_[0-9a-z]+)\"[^}]*\"name\"\\s*:\\s*\"([a-z]+)\"");

    /**
     * One organization with every role, a viewer made admin of its project, a pending invitation, a
     * custom role ({@code audit:read}) assigned to the target member, the approvals objects (a pending
     * request on the project, an approved one on the development environment), a webhook with one
     * delivery, a spare user, an organization key and a development environment key holding every
     * scope their kind may hold, and another development key to read, rotate and revoke.
     */
    private static final class Fixture {
        /** A new session for a user kind (its shared token stays alive); a key kind's own key. */
        String freshSession(Kind kind) {
            String name = switch (kind) {
                case PLATFORM_ADMIN -> null;
                case OWNER -> "owner";
                case ADMIN -> "admin";
                case MEMBER -> "member";
                case VIEWER -> "viewer";
                case PROJECT_ADMIN -> "projadmin";
                case GRANTEE -> "grantee";
                case OUTSIDER -> "outsider";
                default -> "";
            };
            try {
                if (name == null) {
                    return world.http.login("root@example.com", "a long admin password");
                }
                return name.isEmpty() ? world.token(kind, this) : world.http.login(world.email(name), world.password(name));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        final World world;
        /** The crew's name prefix: "" for the principals' own organization, "o-" for the outside one. */
        final String crew;
        final String org;
        final String project;
        final String development;
        final String staging;
        private String spare;
        String invitation;
        String invitationToken;
        String role;
        String assignment;
        String workflow;
        String spareWorkflow;
        String policy;
        String pending;
        String approved;
        String webhook;
        String delivery;
        String organizationKey;
        String environmentKey;
        String victimId;
        String victimSecret;
        String narrowOrganizationKey;
        String narrowEnvironmentKey;
        /** An access token exchanged for the development environment key. */
        String accessToken;

        /** The id of the crew's user {@code name} ("target", "viewer", …). */
        String id(String name) {
            return world.ids.get(crew + name);
        }

        String token(String name) {
            return world.tokens.get(crew + name);
        }

        /** A user of no organization, made on first use (a password hash is slow). */
        String spare() {
            if (spare == null) {
                try {
                    spare = world.user("spare" + world.seq.incrementAndGet());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return spare;
        }

        Fixture(World w, boolean deleteProject, String crew) throws Exception {
            world = w;
            this.crew = crew;
            Http http = w.http;
            String owner = token("owner");
            org = created(http.post("/api/v1/organizations", "{\"name\":\"Matrix\"}", owner));
            // the cases create projects, keys, webhooks and members: no plan limit in the way
            expect(http.send("PUT", "/api/v1/organizations/" + org + "/plan", "{\"tier\":\"enterprise\"}", w.tokens.get("root")), 200);
            for (String[] m : new String[][]{{"admin", "admin"}, {"member", "member"}, {"viewer", "viewer"}, {"target", "member"},
                    {"projadmin", "viewer"}, {"grantee", "member"}}) {
                expect(http.post("/api/v1/organizations/" + org + "/members", "{\"user_id\":\"" + id(m[0]) + "\",\"role\":\""
                        + m[1] + "\"}", owner), 201);
            }
            project = created(http.post("/api/v1/projects", "{\"organization_id\":\"" + org + "\",\"name\":\"Web\"}", owner));
            var envs = http.get("/api/v1/projects/" + project + "/environments", owner).body();
            Map<String, String> byName = new LinkedHashMap<>();
            var m = ENVIRONMENT.matcher(envs);
            while (m.find()) {
                byName.put(m.group(2), m.group(1));
            }
            development = byName.get("development");
            staging = byName.get("staging");
            assertThat(development).as(envs).isNotNull();
            assertThat(staging).as(envs).isNotNull();
            created(http.post("/api/v1/role-assignments", "{\"role_id\":\"admin\",\"user_id\":\"" + id("projadmin")
                    + "\",\"resource\":{\"type\":\"project\",\"id\":\"" + project + "\"}}", owner));
            var inv = http.post("/api/v1/organizations/" + org + "/invitations", "{\"email\":\"invitee-" + w.seq.incrementAndGet()
                    + "@example.com\",\"role\":\"viewer\"}", owner);
            invitation = created(inv);
            invitationToken = Http.field(inv.body(), "token");
            role = created(http.post("/api/v1/roles", "{\"organization_id\":\"" + org
                    + "\",\"name\":\"Auditor\",\"permissions\":[\"audit:read\"]}", owner));
            assignment = created(http.post("/api/v1/role-assignments", "{\"role_id\":\"" + role + "\",\"user_id\":\""
                    + id("target") + "\",\"resource\":{\"type\":\"organization\",\"id\":\"" + org + "\"}}", owner));
            workflow = created(http.post("/api/v1/workflows", "{\"organization_id\":\"" + org + "\",\"name\":\"managers\","
                    + "\"stages\":[{\"permission\":\"access_requests_approve\"}]}", owner));
            spareWorkflow = created(http.post("/api/v1/workflows", "{\"organization_id\":\"" + org + "\",\"name\":\"spare\","
                    + "\"stages\":[{\"organization_role\":\"owner\"}]}", owner));
            policy = created(http.post("/api/v1/policies", "{\"organization_id\":\"" + org + "\",\"name\":\"projects\","
                    + "\"resource_type\":\"project\",\"workflow_id\":\"" + workflow + "\"}", owner));
            created(http.post("/api/v1/policies", "{\"organization_id\":\"" + org + "\",\"name\":\"development\","
                    + "\"environment_kind\":\"development\",\"auto_approve\":true}", owner));
            pending = created(http.post("/api/v1/access-requests", "{\"resource_type\":\"project\",\"resource_id\":\""
                    + project + "\",\"role\":\"admin\"}", token("target")));
            approved = created(http.post("/api/v1/access-requests", "{\"resource_type\":\"environment\",\"resource_id\":\""
                    + development + "\",\"role\":\"admin\"}", token("target")));
            // the grantee: a member granted admin on the development environment for an hour (auto-approved), then made viewer
            String grant = created(http.post("/api/v1/access-requests", "{\"resource_type\":\"environment\",\"resource_id\":\""
                    + development + "\",\"role\":\"admin\",\"duration_minutes\":60}", token("grantee")));
            assertThat(http.get("/api/v1/access-requests/" + grant, owner).body()).contains("\"approved\"");
            expect(http.send("PATCH", "/api/v1/organizations/" + org + "/members/" + id("grantee"), "{\"role\":\"viewer\"}", owner),
                    200);
            webhook = created(http.post("/api/v1/webhooks", "{\"organization_id\":\"" + org
                    + "\",\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"*\"]}", owner));
            var tested = http.post("/api/v1/webhooks/" + webhook + "/test", "{}", owner);
            expect(tested, 200);
            delivery = Http.field(tested.body(), "delivery_id");
            var orgKey = http.post("/api/v1/api-keys", "{\"organization_id\":\"" + org + "\",\"name\":\"org\",\"scopes\":"
                    + json(ResourceAccess.keyScopes(false)) + "}", owner);
            expect(orgKey, 201);
            organizationKey = Http.field(orgKey.body(), "key");
            String keys = "/api/v1/projects/" + project + "/api-keys";
            var envKey = http.post(keys, "{\"name\":\"env\",\"environment\":\"development\",\"scopes\":"
                    + json(ResourceAccess.keyScopes(true)) + "}", owner);
            expect(envKey, 201);
            environmentKey = Http.field(envKey.body(), "key");
            var exchanged = http.post("/api/v1/auth/token", "{}", environmentKey);
            expect(exchanged, 201);
            accessToken = Http.field(exchanged.body(), "access_token");
            var victim = http.post(keys, "{\"name\":\"victim\",\"environment\":\"development\",\"scopes\":[\"projects:read\"]}", owner);
            expect(victim, 201);
            victimId = Http.field(victim.body(), "id");
            victimSecret = Http.field(victim.body(), "key");
            var narrowOrg = http.post("/api/v1/api-keys", "{\"organization_id\":\"" + org + "\",\"name\":\"narrow\",\"scopes\":[\""
                    + NARROW_SCOPE + "\"]}", owner);
            expect(narrowOrg, 201);
            narrowOrganizationKey = Http.field(narrowOrg.body(), "key");
            var narrowEnv = http.post(keys, "{\"name\":\"narrow\",\"environment\":\"development\",\"scopes\":[\"" + NARROW_SCOPE
                    + "\"]}", owner);
            expect(narrowEnv, 201);
            narrowEnvironmentKey = Http.field(narrowEnv.body(), "key");
            if (deleteProject) {
                expect(http.send("DELETE", "/api/v1/projects/" + project, null, owner), 204);
            }
        }
    }

    private static String json(List<String> scopes) {
        return scopes.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static void expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(() -> r.request().method() + " " + r.request().uri() + " → " + r.body()).isEqualTo(status);
    }

    private static String created(HttpResponse<String> r) {
        expect(r, 201);
        return Http.field(r.body(), "id");
    }

    private static int rank(Kind kind) {
        return switch (kind) {
            case VIEWER, PROJECT_ADMIN -> 0;
            case MEMBER -> 1;
            case ADMIN -> 2;
            case OWNER -> 3;
            default -> -1;
        };
    }

    /** The status a principal should get (2 = any 2xx), from the table unless the case says otherwise. */
    static int expected(HttpAdapter.RouteRule entry, Case c, Kind kind) {
        Integer special = c.expected.get(kind);
        if (special != null) {
            return special;
        }
        boolean key = List.of(KEYS).contains(kind);
        switch (entry.rule()) {
            case "PUBLIC":
            case "AUTHENTICATED":
                return 2;
            case "PLATFORM_ADMIN":
                if (kind == Kind.PLATFORM_ADMIN) {
                    return 2;
                }
                return key ? 403 : kind == Kind.OUTSIDER ? 404 : 403;
            case "OWN":
                throw new AssertionError(entry.method() + " " + entry.path()
                        + ": a rule about who the caller is needs every kind's answer in its case");
            default:
                break;
        }
        String scope = entry.scope();
        int least = PermissionCatalog.byScope(scope).orElseThrow().leastRole().ordinal();
        return switch (kind) {
            case PLATFORM_ADMIN -> 2;
            case OWNER, ADMIN, MEMBER, VIEWER -> rank(kind) >= least ? 2 : 403;
            case PROJECT_ADMIN -> (c.inProject && ResourceAccess.level(scope) == ResourceAccess.Level.PROJECT ? rank(Kind.ADMIN)
                    : rank(Kind.VIEWER)) >= least ? 2 : 403;
            case GRANTEE -> (c.inEnvironment && ResourceAccess.level(scope) == ResourceAccess.Level.PROJECT ? rank(Kind.ADMIN)
                    : rank(Kind.VIEWER)) >= least ? 2 : 403;
            case ORGANIZATION_KEY -> ResourceAccess.keyScopes(false).contains(scope) ? 2 : 403;
            case NARROW_ORGANIZATION_KEY -> scope.equals(NARROW_SCOPE) ? 2 : 403;
            case ENVIRONMENT_KEY -> !ResourceAccess.keyScopes(true).contains(scope) || !entry.environmentKeys() ? 403
                    : c.environmentReach ? 2 : 404;
            case NARROW_ENVIRONMENT_KEY -> !scope.equals(NARROW_SCOPE) || !entry.environmentKeys() ? 403
                    : c.environmentReach ? 2 : 404;
            case OUTSIDER, OTHER_ORGANIZATION_KEY -> 404;
        };
    }

    /**
     * The status a principal should get for the same request on another organization's fixture: a
     * platform admin as inside; a route that names no tenant's resource as inside; otherwise 404,
     * whatever the principal lacks (reach is decided before scope).
     */
    static int expectedOutside(HttpAdapter.RouteRule entry, Case c, Kind kind) {
        Integer special = c.outside.get(kind);
        if (special != null) {
            return special;
        }
        if (kind == Kind.PLATFORM_ADMIN || c.tenantFree || entry.rule().equals("PUBLIC") || entry.rule().equals("AUTHENTICATED")) {
            return expected(entry, c, kind);
        }
        return 404;
    }

    private static final List<World> WORLDS = new ArrayList<>();

    /** Path variables compared by position only: {@code {user_id}} and {@code {userId}} are the same. */
    private static String normalized(String route) {
        return route.replaceAll("\\{[^}]+}", "{}");
    }

    private static Optional<HttpAdapter.RouteRule> rule(String method, String path) {
        String wanted = normalized(method + " " + path);
        return HttpAdapter.routeRules().stream().filter(r -> normalized(r.method() + " " + r.path()).equals(wanted)).findFirst();
    }

    /** The seed profile's paths outside /api/v1 (ADR 32), in the route table like the rest. */
    static boolean seedPath(String template) {
        return template.startsWith("/api/projects") || template.startsWith("/api/tenants") || template.startsWith("/api/webhooks")
                || template.startsWith("/projects") || template.startsWith("/api-keys") || template.startsWith("/v1/admin");
    }

    @AfterAll
    static void stop() {
        WORLDS.forEach(World::close);
    }

    private static List<String> routes(World w) {
        Router router = w.server.getApplicationContext().getBean(Router.class);
        TreeSet<String> routes = new TreeSet<>();
        router.uriRoutes().forEach(r -> {
            String template = r.getUriMatchTemplate().toPathString();
            if (r.getHttpMethod() != HttpMethod.HEAD && (template.startsWith("/api/v1/") || seedPath(template))) {
                routes.add(normalized(r.getHttpMethodName() + " " + template));
            }
        });
        return new ArrayList<>(routes);
    }

    @TestFactory
    List<DynamicNode> matrix() {
        List<DynamicNode> stores = new ArrayList<>();
        for (String store : List.of("memory", "postgres")) {
            World[] world = new World[1];
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("every route has a case and a table entry", () -> {
                world[0] = new World(store);
                WORLDS.add(world[0]);
                List<String> routes = routes(world[0]);
                List<String> cases = CASES.keySet().stream().map(TenancyAccessMatrixTest::normalized).toList();
                assertThat(routes).hasSizeGreaterThan(80);
                assertThat(cases).as("add a case for every route").containsAll(routes);
                assertThat(routes).as("no case for a route that no longer exists").containsAll(cases);
                for (String route : CASES.keySet()) {
                    int space = route.indexOf(' ');
                    assertThat(rule(route.substring(0, space), route.substring(space + 1))).as(route).isPresent();
                }
                world[0].current = world[0].fixture(false);
                world[0].outside = world[0].outsideFixture(false);
            }));
            for (var e : CASES.entrySet()) {
                String route = e.getKey();
                Case c = e.getValue();
                String method = route.substring(0, route.indexOf(' '));
                tests.add(DynamicTest.dynamicTest(route, () -> {
                    World w = world[0];
                    assertThat(w).as("the server started").isNotNull();
                    var entry = rule(method, route.substring(route.indexOf(' ') + 1)).orElseThrow();
                    Fixture f = c.deleteProjectFirst ? w.fixture(true) : w.current;
                    Fixture o = c.deleteProjectFirst ? w.outsideFixture(true) : w.outside;
                    List<String> wrong = new ArrayList<>();
                    for (Kind kind : Kind.values()) {
                        // the same request on the other organization's fixture first: nothing there is the principal's
                        String m = w.suffix + w.seq.incrementAndGet();
                        // a case that ends the caller's session sends its own credentials outside too (never the shared ones)
                        String outToken = c.token != null ? c.token.apply(o, kind) : w.token(kind, f);
                        HttpResponse<String> out = w.http.send(method, c.path.apply(o), c.body.apply(o, m), outToken);
                        int wantOut = expectedOutside(entry, c, kind);
                        int gotOut = out.statusCode();
                        boolean okOut = wantOut == 2 ? gotOut / 100 == 2 : gotOut == wantOut;
                        if (okOut && wantOut == 403 && entry.rule().equals("SCOPE") && !c.outside.containsKey(kind)
                                && !c.expected.containsKey(kind)) {
                            okOut = out.body().contains("\"required_scope\":\"" + entry.scope() + "\"");
                        }
                        if (!okOut) {
                            wrong.add(kind + " outside: want " + wantOut + ", got " + gotOut + " " + out.body());
                        }
                        if (gotOut >= 400) {
                            assertThat(out.body()).contains("\"request_id\"").doesNotContain("Exception");
                        }
                        if (gotOut / 100 == 2 && c.fresh) {
                            o = w.outsideFixture(c.deleteProjectFirst);
                            if (!c.deleteProjectFirst) {
                                w.outside = o;
                            }
                        }
                        String n = w.suffix + w.seq.incrementAndGet();
                        String token = c.token != null ? c.token.apply(f, kind) : w.token(kind, f);
                        HttpResponse<String> r = w.http.send(method, c.path.apply(f), c.body.apply(f, n), token);
                        int want = expected(entry, c, kind);
                        int got = r.statusCode();
                        boolean ok = want == 2 ? got / 100 == 2 : got == want;
                        if (ok && want == 403 && entry.rule().equals("SCOPE") && !c.expected.containsKey(kind)) {
                            ok = r.body().contains("\"required_scope\":\"" + entry.scope() + "\"");
                        }
                        if (!ok) {
                            wrong.add(kind + ": want " + want + ", got " + got + " " + r.body());
                        }
                        if (got >= 400) {
                            assertThat(r.body()).contains("\"request_id\"").doesNotContain("Exception");
                        }
                        if (got / 100 == 2 && c.fresh) {
                            f = w.fixture(c.deleteProjectFirst);
                            if (!c.deleteProjectFirst) {
                                w.current = f;
                            }
                        }
                    }
                    assertThat(wrong).as("%s on %s", route, store).isEmpty();
                }));
            }
            stores.add(DynamicContainer.dynamicContainer(store, tests));
        }
        return stores;
    }
}
