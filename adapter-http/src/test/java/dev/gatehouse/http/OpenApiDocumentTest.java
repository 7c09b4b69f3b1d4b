package dev.gatehouse.http;

import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class OpenApiDocumentTest {
    @Inject
    EmbeddedServer server;
    @Inject
    Router router;

    Api.Response response;
    SwaggerParseResult parsed;

    @BeforeEach
    void fetch() {
        response = new Api(server.getURL()).get("/api/openapi.json");
        parsed = new OpenAPIV3Parser().readContents(response.body());
    }

    @Test
    void servesAValidOpenApi31DocumentAsJson() {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI()).isNotNull();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1");
        assertThat(response.json().path("openapi").asText()).startsWith("3.1");
    }

    @Test
    void documentsEveryRouteTheServerRegisters() {
        OpenAPI api = parsed.getOpenAPI();
        var routes = router.uriRoutes().toList();
        assertThat(routes).isNotEmpty();
        for (var route : routes) {
            String path = route.getUriMatchTemplate().toPathString();
            // Micronaut answers HEAD for every GET route on its own; OpenAPI documents the GET.
            HttpMethod method = route.getHttpMethod() == HttpMethod.HEAD ? HttpMethod.GET : route.getHttpMethod();
            PathItem item = api.getPaths().get(path);
            assertThat(item).as("path %s is missing from the OpenAPI document", path).isNotNull();
            assertThat(item.readOperationsMap().keySet().stream().map(m -> m.name().toUpperCase(Locale.ROOT)))
                    .as("%s %s is missing from the OpenAPI document", method, path)
                    .contains(method.name());
        }
    }

    @Test
    void documentsWireNamesInSnakeCase() {
        var schemas = response.json().at("/components/schemas");
        assertThat(schemas.toString()).contains("platform_admin").contains("created_at").doesNotContain("platformAdmin");
    }

    @Test
    void speaksOpenApi31JsonSchemaWithoutSwaggerInternals() {
        String text = response.body();
        // 3.0's nullable and swagger-core's model fields are not JSON Schema; 3.1 says null with a type array
        for (String leaked : new String[] {"\"nullable\"", "\"allowableValues\"", "\"exampleSetFlag\"", "\"defaultValue\""}) {
            assertThat(text).as("no %s in the document", leaked).doesNotContain(leaked);
        }
        var schemas = response.json().at("/components/schemas");
        assertThat(schemas.at("/ApiKey/properties/project_id/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(schemas.at("/WireEnums.ApiKeyStatus/enum").toString()).isEqualTo("[\"active\",\"revoked\",\"expired\",\"rotating\"]");
        assertThat(names(schemas.at("/Problem/required"))).contains("type", "title", "status", "detail", "error", "request_id");
        assertThat(response.json().at("/servers/0/url").asText()).isEqualTo("/");
    }

    @Test
    void requiresOnlyWhatTheRoutesRequire() {
        var schemas = response.json().at("/components/schemas");
        assertThat(names(schemas.at("/AddMemberRequest/required"))).containsExactly("role");
        assertThat(names(schemas.at("/CheckPermissionRequest/required"))).doesNotContain("consistency")
                .contains("permission", "resource", "subject");
        // optional request fields are optional in the document too (a generated client demands what is required)
        assertThat(names(schemas.at("/CreateOrganizationRequest/required"))).containsExactly("name");
        assertThat(names(schemas.at("/CreateUserRequest/required"))).doesNotContain("platform_admin");
        assertThat(names(schemas.at("/PolicyRequest/required"))).containsExactly("name");
        assertThat(names(schemas.at("/UpdateWebhookRequest/required"))).isEmpty();
        for (String webhook : new String[] {"Webhook", "CreateWebhookRequest", "UpdateWebhookRequest"}) {
            var properties = schemas.at("/" + webhook + "/properties");
            assertThat(properties.has("is_active")).as(webhook).isTrue();
            properties.fieldNames().forEachRemaining(name ->
                    assertThat(name).as(webhook + " has only its wire fields").doesNotEndWith("webhook_request").isNotEqualTo("webhook"));
        }
    }

    @Test
    void everyOperationDocumentsItsProblemsAndSecurity() {
        var paths = response.json().path("paths");
        var publicRoutes = java.util.Set.of("GET /healthz", "GET /health", "GET /health/live", "GET /health/ready", "GET /readyz",
                "GET /api/health", "GET /metrics", "GET /api/openapi.json", "GET /.well-known/jwks.json",
                "GET /api/v1/projects/{id}/jwks.json", "POST /api/v1/auth/login",
                "POST /api/v1/auth/signup", "POST /api/v1/auth/verify-email");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String route = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            var problems = op.getValue().at("/responses/4XX/content/application~1problem+json/schema/$ref");
            assertThat(problems.asText()).as("%s documents its problem answers", route).isEqualTo("#/components/schemas/Problem");
            boolean secured = op.getValue().path("security").size() > 0;
            assertThat(secured).as("%s: bearer unless public", route).isEqualTo(!publicRoutes.contains(route));
        }));
    }

    private static java.util.List<String> names(com.fasterxml.jackson.databind.JsonNode array) {
        var out = new java.util.ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
