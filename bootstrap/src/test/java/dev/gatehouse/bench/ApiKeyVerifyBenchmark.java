package dev.gatehouse.bench;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.keys.IssueApiKey;
import dev.gatehouse.core.keys.VerifyApiKey;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.CreateOrganization;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * In-process API key verification on the embedded default, with the key already in the cache:
 * <ul>
 *   <li>{@code authenticate}: what the authentication filter does per request (parse and checksum,
 *       SHA-256, cache hit, status and owner checks, last-use note);</li>
 *   <li>{@code verifyAsPlatformAdmin}: the verify use case without the caller's permission check;</li>
 *   <li>{@code verifyAsServiceKey}: the verify use case for a caller key holding {@code api-keys:verify},
 *       so it includes one authorization check against the local evaluator;</li>
 *   <li>{@code malformed}: a token with a wrong checksum, refused before any look-up.</li>
 * </ul>
 * Each result is checked in setup, so the benchmark measures correct answers.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ApiKeyVerifyBenchmark {
    private Gatehouse gatehouse;
    private String key;
    private String tampered;
    private VerifyApiKey.Command asAdmin;
    private VerifyApiKey.Command asServiceKey;

    @Setup
    public void setUp() {
        gatehouse = Gatehouse.builder().build();
        Caller owner = new Caller(new Principal.User(new UserId(UUID.randomUUID()), "owner@example.com", false), Origin.none());
        var org = gatehouse.tenancy().createOrganization().handle(new CreateOrganization.Command(owner, "Bench", null, null, null)).value().id();
        key = gatehouse.keys().issueApiKey().handle(new IssueApiKey.Command(owner, org, null, null, "bench",
                List.of("projects:read"), null, null)).value().secret().reveal();
        String verifier = gatehouse.keys().issueApiKey().handle(new IssueApiKey.Command(owner, org, null, null, "verifier",
                List.of("api-keys:verify"), null, null)).value().secret().reveal();
        tampered = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
        Caller admin = new Caller(new Principal.User(new UserId(UUID.randomUUID()), "root@example.com", true), Origin.none());
        asAdmin = new VerifyApiKey.Command(admin, key, null);
        Caller service = new Caller(gatehouse.keys().authenticateApiKey().handle(verifier).orElseThrow(), Origin.none());
        asServiceKey = new VerifyApiKey.Command(service, key, null);
        expect(gatehouse.keys().authenticateApiKey().handle(key).isPresent(), "authenticate");
        expect(gatehouse.keys().verifyApiKey().handle(asAdmin).value().valid(), "verify as admin");
        expect(gatehouse.keys().verifyApiKey().handle(asServiceKey).value().valid(), "verify as service key");
        expect(gatehouse.keys().authenticateApiKey().handle(tampered).isEmpty(), "malformed refused");
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark precondition failed: " + what);
        }
    }

    @Benchmark
    public Optional<Principal.ApiKey> authenticate() {
        return gatehouse.keys().authenticateApiKey().handle(key);
    }

    @Benchmark
    public Object verifyAsPlatformAdmin() {
        return gatehouse.keys().verifyApiKey().handle(asAdmin);
    }

    @Benchmark
    public Object verifyAsServiceKey() {
        return gatehouse.keys().verifyApiKey().handle(asServiceKey);
    }

    @Benchmark
    public Optional<Principal.ApiKey> malformed() {
        return gatehouse.keys().authenticateApiKey().handle(tampered);
    }
}
