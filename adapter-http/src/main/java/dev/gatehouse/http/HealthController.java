package dev.gatehouse.http;

import dev.gatehouse.core.shared.ReadinessCheck;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;

/** Liveness and readiness probes; no authentication. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Operations")
@ApiResponse(responseCode = "4XX", description = ProblemDocument.DESCRIPTION,
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDocument.class)))
final class HealthController {
    private final ReadinessChecks readiness;

    HealthController(ReadinessChecks readiness) {
        this.readiness = readiness;
    }

    @Get("/healthz")
    @Operation(summary = "Liveness: the process answers", operationId = "healthz")
    Dtos.Status healthz() {
        return new Dtos.Status("ok");
    }

    @Get("/health/live")
    @Operation(summary = "Liveness (alias of /healthz)", operationId = "healthLive")
    Dtos.Status live() {
        return healthz();
    }

    @Get("/readyz")
    @Operation(summary = "Readiness: every dependency answers (503 with the failing checks otherwise)", operationId = "readyz")
    HttpResponse<Dtos.Readiness> readyz() {
        Map<String, ReadinessCheck.Status> results = readiness.run();
        Map<String, Dtos.Check> checks = new LinkedHashMap<>();
        results.forEach((name, s) -> checks.put(name, new Dtos.Check(s.up() ? "up" : "down", s.detail())));
        boolean up = results.values().stream().allMatch(ReadinessCheck.Status::up);
        return HttpResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new Dtos.Readiness(up ? "ok" : "unavailable", checks));
    }

    @Get("/health/ready")
    @Operation(summary = "Readiness (alias of /readyz)", operationId = "healthReady")
    HttpResponse<Dtos.Readiness> ready() {
        return readyz();
    }

    @Get("/health")
    @Operation(summary = "Readiness with the per-check map (alias of /readyz)", operationId = "health")
    HttpResponse<Dtos.Readiness> health() {
        return readyz();
    }

    @Get("/api/health")
    @Operation(summary = "Whether the API's dependencies are reachable", operationId = "apiHealth")
    HttpResponse<Dtos.Status> apiHealth() {
        boolean up = readiness.run().values().stream().allMatch(ReadinessCheck.Status::up);
        return HttpResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new Dtos.Status(up ? "ok" : "unavailable"));
    }
}
