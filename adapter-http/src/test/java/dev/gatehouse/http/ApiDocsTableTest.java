package dev.gatehouse.http;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api.md's endpoint table ("Endpoints today") and the served OpenAPI document name the same routes:
 * a route missing from either fails. Path parameters compare by position, not name. Operations tagged
 * as the seed compatibility profile (a tag starting with "Seed") are listed in their own section of
 * api.md and are left out here.
 */
@MicronautTest
class ApiDocsTableTest {
    static final Path API_MD = Path.of("..", "docs", "api.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern METHODS = Pattern.compile("^((?:GET|POST|PUT|PATCH|DELETE)(?:\\\\?\\|(?:GET|POST|PUT|PATCH|DELETE))*) (/\\S*)$");

    @Inject
    EmbeddedServer server;

    @Test
    void theEndpointTableAndTheOpenApiRoutesAgree() throws Exception {
        Set<String> documented = documentedRoutes(Files.readString(API_MD));
        Set<String> served = new TreeSet<>();
        var paths = new Api(server.getURL()).get("/api/openapi.json").json().path("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            boolean seed = false;
            for (var tag : op.getValue().path("tags")) {
                seed |= tag.asText().startsWith("Seed");
            }
            if (!seed) {
                served.add(op.getKey().toUpperCase(Locale.ROOT) + " " + normalize(path.getKey()));
            }
        }));
        assertThat(documented).as("docs/api.md lists routes").hasSizeGreaterThan(50);
        assertThat(new TreeSet<>(difference(served, documented))).as("served but missing from docs/api.md's endpoint table").isEmpty();
        assertThat(new TreeSet<>(difference(documented, served))).as("in docs/api.md's endpoint table but not served").isEmpty();
    }

    /** The rows of the table under "## Endpoints today": the first cell's `METHOD /path` items. */
    static Set<String> documentedRoutes(String markdown) {
        int start = markdown.indexOf("## Endpoints today");
        assertThat(start).as("docs/api.md has the section Endpoints today").isNotNegative();
        String section = markdown.substring(start);
        int next = section.indexOf("\n#", 1);
        section = next < 0 ? section : section.substring(0, next);
        Set<String> routes = new TreeSet<>();
        boolean header = true;
        for (String line : section.split("\n")) {
            if (!line.startsWith("|")) {
                continue;
            }
            if (header || line.startsWith("|---")) {
                header = false;
                continue;
            }
            String firstCell = line.substring(1, line.indexOf(" | ", 1) < 0 ? line.length() : line.indexOf(" | ", 1));
            String methods = null;
            Matcher code = CODE.matcher(firstCell);
            while (code.find()) {
                String item = code.group(1).strip();
                Matcher m = METHODS.matcher(item);
                String path;
                if (m.matches()) {
                    methods = m.group(1);
                    path = m.group(2);
                } else if (item.startsWith("/") && methods != null) {
                    path = item; // `GET /healthz`, `/health/live`: the method carries over
                } else {
                    throw new AssertionError("docs/api.md: cannot read the route " + item + " in: " + line);
                }
                for (String method : methods.split("\\\\?\\|")) {
                    routes.add(method + " " + normalize(path));
                }
            }
        }
        return routes;
    }

    static String normalize(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
