package dev.gatehouse.core.tokens;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.keys.ApiKeys;
import dev.gatehouse.core.platform.Platform;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;

import java.util.Objects;

/**
 * The token feature — one signing-key model for the instance's session tokens and the projects'
 * access tokens, one JOSE implementation, one JWKS family (ADR 31) — wired once by {@link #wire}. The
 * HTTP adapter's token, signing-key, JWKS and login routes inject this record; an embedder reaches
 * it as {@code gatehouse.tokens()}.
 *
 * @param instanceKeys the instance's session-token keys (the current one, every published one)
 * @param cascade      the signing keys' part of every lifecycle cascade: a purged project's keys go (ADR 0018)
 */
public record TokenUseCases(ListSigningKeys listSigningKeys, RotateSigningKey rotateSigningKey, GetProjectJwks getProjectJwks,
                            GetInstanceJwks getInstanceJwks, IssueAccessToken issueAccessToken,
                            IntrospectAccessToken introspectAccessToken, IssueSessionToken issueSessionToken,
                            VerifySessionToken verifySessionToken, InstanceKeyRing instanceKeys, SigningKeyPurge cascade) {

    /**
     * How tokens are made.
     *
     * @param sealer             encrypts private keys at rest under the master key
     * @param signer             signs session and access tokens
     * @param accessTokenIssuer  the {@code iss} of access tokens ({@code gatehouse.tokens.issuer})
     * @param sessionTokenIssuer the {@code iss} of session tokens ({@code gatehouse.http.issuer})
     */
    public record Settings(SecretSealer sealer, TokenSigner signer, String accessTokenIssuer, String sessionTokenIssuer) {
        public Settings {
            Objects.requireNonNull(sealer, "sealer");
            Objects.requireNonNull(signer, "signer");
            Objects.requireNonNull(accessTokenIssuer, "accessTokenIssuer");
            Objects.requireNonNull(sessionTokenIssuer, "sessionTokenIssuer");
        }
    }

    /**
     * @param projects                           whose keys sign access tokens (read only)
     * @param apiKeys, organizations, environments what introspection checks is still live (read only)
     */
    public static TokenUseCases wire(TokenStores stores, Platform platform, Settings settings, Projects projects,
                                     ApiKeys apiKeys, Organizations organizations, Environments environments) {
        SigningKeys keys = stores.signingKeys();
        var sealing = new KeySealing(settings.sealer(), platform.clock(), platform.ids());
        var activeKeys = new ActiveKeyCache();
        var ring = new ProjectKeyRing(keys, sealing, activeKeys, platform.auditor(), platform.events(), platform.clock());
        var instanceKeys = new InstanceKeyRing(keys, sealing, platform.transactions());
        var keyProjects = new KeyProjects(projects, platform.access());
        // a user sees a token when they may verify keys where its key lives (api_keys_verify on its environment)
        var introspect = new IntrospectAccessToken(new IntrospectAccessToken.Ports(platform.transactions(), platform.clock(),
                settings.accessTokenIssuer(), keys, apiKeys, organizations, projects, environments,
                (user, key) -> key.environment().map(env -> platform.authorizer().check(
                                new ObjectRef("environment", env.text()), "api_keys_verify", SubjectRef.of("user", user.userId().text())))
                        .map(r -> r.isOk() && r.value() == Permissionship.HAS_PERMISSION)
                        .orElse(false)));
        return new TokenUseCases(
                new ListSigningKeys(keys, ring, keyProjects, platform.transactions()),
                new RotateSigningKey(ring, activeKeys, keyProjects, platform.transactions()),
                new GetProjectJwks(keys, ring, keyProjects, platform.transactions(), platform.clock()),
                new GetInstanceJwks(instanceKeys, platform.clock()),
                new IssueAccessToken(ring, activeKeys, keyProjects, settings.signer(), settings.accessTokenIssuer(), platform),
                introspect,
                new IssueSessionToken(instanceKeys, settings.signer(), settings.sessionTokenIssuer()),
                new VerifySessionToken(instanceKeys, platform.clock(), settings.sessionTokenIssuer()),
                instanceKeys,
                new SigningKeyPurge(keys));
    }
}
