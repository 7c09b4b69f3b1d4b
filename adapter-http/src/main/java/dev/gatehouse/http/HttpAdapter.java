package dev.gatehouse.http;

import dev.gatehouse.core.identity.PasswordHasher;
import dev.gatehouse.core.tokens.TokenSigner;
import io.micronaut.context.annotation.Factory;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import jakarta.inject.Singleton;

/**
 * The HTTP adapter's one public entry: the beans other modules need. Everything else in this
 * module (controllers, filters, error mapping) is package-private and found by Micronaut itself;
 * the adapter expects a {@link dev.gatehouse.core.Gatehouse} bean from bootstrap.
 */
@Factory
@OpenAPIDefinition(
        info = @Info(title = "Gatehouse", version = "1",
                description = "Control plane for multi-tenant SaaS: tenancy, keys, authorization, approvals, entitlements, webhooks, audit.",
                license = @License(name = "Apache-2.0", identifier = "Apache-2.0")),
        servers = @Server(url = "/", description = "The server that serves this document"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT or API key")
public class HttpAdapter {

    /** Argon2id at OWASP's minimum parameters; verifies the core's PBKDF2 hashes too, so they migrate on login. */
    @Singleton
    PasswordHasher passwordHasher() {
        return new Argon2idPasswordHasher();
    }

    /**
     * Session and access tokens signed with BouncyCastle's Ed25519 (about 18× cheaper than JDK 17's,
     * the same bytes; ADR 38); public for benchmarks and embedders.
     */
    @Singleton
    public TokenSigner tokenSigner() {
        return new BouncyCastleTokenSigner();
    }

    /**
     * One route's authorization rule as declared ({@code docs/authorization.md}): {@code rule} is
     * {@code PUBLIC}, {@code AUTHENTICATED}, {@code SCOPE} (with {@code scope}), {@code PLATFORM_ADMIN} or
     * {@code OWN}; {@code environmentKeys} whether an environment key holding the scope reaches it;
     * {@code usersOnly} whether API keys are refused whatever their scopes.
     */
    public record RouteRule(String method, String path, String rule, String scope, boolean environmentKeys, boolean usersOnly) {
    }

    /** The declared route table, for tests and tools outside this module. */
    public static java.util.List<RouteRule> routeRules() {
        return RouteAccess.entries().stream()
                .map(e -> new RouteRule(e.method(), e.path(), e.rule().name(), e.scope(), e.environmentKeys(),
                        e.usersOnly())).toList();
    }
}
