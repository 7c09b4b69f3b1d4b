package dev.gatehouse.bench;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.keys.IssueApiKey;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.CreateOrganization;
import dev.gatehouse.core.tenancy.projects.CreateProject;
import dev.gatehouse.core.tokens.IssueAccessToken;
import dev.gatehouse.core.tokens.JdkTokenSigner;
import dev.gatehouse.core.tokens.SigningAlgorithm;
import dev.gatehouse.core.tokens.TokenSigner;
import dev.gatehouse.http.HttpAdapter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.security.KeyPair;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The API key → access token exchange in-process on the embedded default, the project's signing key
 * already unsealed in memory:
 * <ul>
 *   <li>{@code exchange}: what {@code POST /api/v1/auth/token} does per request below HTTP (authenticate
 *       the key from the cache, then {@link IssueAccessToken}: claims, JOSE, Ed25519, the audit entry
 *       queued behind);</li>
 *   <li>{@code issue}: {@link IssueAccessToken} alone;</li>
 *   <li>{@code signToken}: the {@link TokenSigner} alone (header and claims to JSON, base64url, Ed25519);</li>
 *   <li>{@code ed25519Raw}: one JDK {@code Signature} Ed25519 signature over a typical 330-byte signing input;</li>
 *   <li>{@code ed25519RawBouncyCastle}: the same signature (Ed25519 is deterministic: byte for byte) with
 *       BouncyCastle's RFC 8032 code.</li>
 * </ul>
 * Every answer is checked in setup. With {@code -prof gc} JMH reports the bytes allocated per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TokenExchangeBenchmark {
    /** {@code server}: the server's signer (BouncyCastle's Ed25519, ADR 38); {@code jdk}: the core's default. */
    @Param({"server", "jdk"})
    public String signer;
    private Gatehouse gatehouse;
    private String secret;
    private IssueAccessToken.Command command;
    private TokenSigner tokenSigner;
    private TokenSigner.Key signingKey;
    private Map<String, Object> claims;
    private Signature jdkEd25519;
    private byte[] input;
    private byte[] seed;

    @Setup
    public void setUp() throws Exception {
        tokenSigner = signer.equals("jdk") ? new JdkTokenSigner() : new HttpAdapter().tokenSigner();
        gatehouse = Gatehouse.builder().tokenSigner(tokenSigner).build();
        Caller owner = new Caller(new Principal.User(new UserId(UUID.randomUUID()), "owner@example.com", false), Origin.none());
        var org = gatehouse.tenancy().createOrganization().handle(new CreateOrganization.Command(owner, "Bench", null, null, null))
                .value().id();
        var project = gatehouse.tenancy().createProject().handle(new CreateProject.Command(owner, org, "Web", null, null))
                .value().project();
        secret = gatehouse.keys().issueApiKey().handle(new IssueApiKey.Command(owner, null, project.id(), "production", "svc",
                List.of("projects:read", "api-keys:read"), null, null)).value().secret().reveal();
        command = new IssueAccessToken.Command(new Caller(gatehouse.keys().authenticateApiKey().handle(secret).orElseThrow(),
                Origin.none()), null);
        expect(exchange() != null, "exchange");
        expect(issue() != null, "issue");

        KeyPair pair = SigningAlgorithm.EDDSA.generate();
        signingKey = new TokenSigner.Key(UUID.randomUUID().toString(), SigningAlgorithm.EDDSA, pair.getPrivate().getEncoded());
        claims = new LinkedHashMap<>();
        claims.put("iss", "https://gatehouse.example");
        claims.put("sub", UUID.randomUUID().toString());
        claims.put("org", UUID.randomUUID().toString());
        claims.put("project", UUID.randomUUID().toString());
        claims.put("env", UUID.randomUUID().toString());
        claims.put("scope", "api-keys:read projects:read");
        claims.put("iat", 1_780_000_000L);
        claims.put("exp", 1_780_000_900L);
        claims.put("jti", UUID.randomUUID().toString());
        expect(signToken().split("\\.").length == 3, "sign");
        jdkEd25519 = Signature.getInstance("Ed25519");
        jdkEd25519.initSign(pair.getPrivate());
        input = signToken().substring(0, signToken().lastIndexOf('.')).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        expect(ed25519Raw().length == 64, "raw signature");
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        seed = java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
        expect(java.util.Arrays.equals(ed25519Raw(), ed25519RawBouncyCastle()), "same signature from both providers");
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark precondition failed: " + what);
        }
    }

    @Benchmark
    public String exchange() {
        var key = gatehouse.keys().authenticateApiKey().handle(secret).orElseThrow();
        return gatehouse.tokens().issueAccessToken().handle(new IssueAccessToken.Command(new Caller(key, Origin.none()), null))
                .value().token();
    }

    @Benchmark
    public String issue() {
        return gatehouse.tokens().issueAccessToken().handle(command).value().token();
    }

    @Benchmark
    public String signToken() {
        return tokenSigner.sign(signingKey, claims);
    }

    @Benchmark
    public byte[] ed25519Raw() throws Exception {
        jdkEd25519.update(input);
        return jdkEd25519.sign();
    }

    @Benchmark
    public byte[] ed25519RawBouncyCastle() {
        byte[] sig = new byte[64];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, input, 0, input.length, sig, 0);
        return sig;
    }
}
