package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 001's {@code fields=} and {@code include=} (ADR 32), never silently ignored. {@code fields=a,b}
 * on a read keeps only those members of each resource in {@code data} (of the body itself when it has
 * no {@code data}); a name no resource has is 400 {@code unsupported_parameter} naming it. No resource
 * has related resources to eager-load, so any {@code include=} is 400 {@code unsupported_parameter}
 * naming each value. On writes both are 400 as well (they shape reads only).
 */
@ServerFilter("/**")
final class SeedQueryFilter implements Ordered {
    static final String FIELDS = "fields";
    static final String INCLUDE = "include";
    private static final String CODE = "unsupported_parameter";

    private final Problems problems;
    private final ObjectMapper json;

    SeedQueryFilter(Problems problems, ObjectMapper json) {
        this.problems = problems;
        this.json = json;
    }

    private static Problem unsupported(String parameter, String message) {
        return new Problem(400, CODE, "Bad Request", "The " + parameter + " parameter cannot be honoured: " + message,
                Map.of(parameter, List.of(message)), Map.of());
    }

    private static List<String> values(HttpRequest<?> request, String name) {
        List<String> out = new ArrayList<>();
        for (String v : request.getParameters().getAll(name)) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> check(HttpRequest<?> request) {
        var params = request.getParameters();
        if (!params.contains(FIELDS) && !params.contains(INCLUDE)) {
            return null;
        }
        if (params.contains(INCLUDE)) {
            List<String> include = values(request, INCLUDE);
            return problems.response(request, unsupported(INCLUDE, include.isEmpty() ? "it names no related resource"
                    : "no related resources can be included (" + String.join(", ", include) + ")"));
        }
        if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
            return problems.response(request, unsupported(FIELDS, "fields selects members of a read (GET) only"));
        }
        if (values(request, FIELDS).isEmpty()) {
            return problems.response(request, unsupported(FIELDS, "it names no field"));
        }
        return null;
    }

    @ResponseFilter
    void select(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getMethod() != HttpMethod.GET || !request.getParameters().contains(FIELDS) || response.getStatus().getCode() / 100 != 2) {
            return;
        }
        Object body = response.getBody().orElse(null);
        if (body == null || body instanceof byte[] || body instanceof CharSequence) {
            return;
        }
        Set<String> wanted = new LinkedHashSet<>(values(request, FIELDS));
        JsonNode root = json.valueToTree(body);
        if (!(root instanceof ObjectNode object)) {
            return;
        }
        JsonNode target = object.has("data") ? object.get("data") : object;
        Set<String> seen = new LinkedHashSet<>();
        boolean any = false;
        if (target instanceof ArrayNode array) {
            for (JsonNode item : array) {
                if (item instanceof ObjectNode o) {
                    any = true;
                    keep(o, wanted, seen);
                }
            }
        } else if (target instanceof ObjectNode o) {
            any = true;
            keep(o, wanted, seen);
        }
        Set<String> unknown = new LinkedHashSet<>(wanted);
        unknown.removeAll(seen);
        if (any && !unknown.isEmpty()) {
            problems.write(request, unsupported(FIELDS, "no such field: " + String.join(", ", unknown)), response);
            return;
        }
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Object> r = (MutableHttpResponse<Object>) response;
        r.body(root);
    }

    private static void keep(ObjectNode o, Set<String> wanted, Set<String> seen) {
        o.fieldNames().forEachRemaining(seen::add);
        o.retain(wanted);
    }

    @Override
    public int getOrder() {
        return AuthenticationFilter.ORDER + 200;
    }
}
