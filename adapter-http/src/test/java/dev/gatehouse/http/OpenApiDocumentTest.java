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
}
