package dev.gatehouse.http;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.identity.CreateUser;
import dev.gatehouse.core.identity.Pbkdf2PasswordHasher;
import dev.gatehouse.core.shared.Caller;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * What bootstrap provides in production: a {@link Gatehouse} (here on memory stores with a fast
 * hasher) with one platform admin.
 */
@Factory
class TestGatehouseFactory {
    static final String ADMIN_EMAIL = "admin@example.com";
    static final String ADMIN_PASSWORD = "correct-horse-battery";

    @Singleton
    Gatehouse gatehouse() {
        Gatehouse gatehouse = Gatehouse.builder().passwordHasher(new Pbkdf2PasswordHasher(1_000)).build();
        var created = gatehouse.createUser().handle(
                new CreateUser.Command(Caller.system("test"), ADMIN_EMAIL, ADMIN_PASSWORD, "Ada Admin", true));
        if (!created.isOk()) {
            throw new IllegalStateException(created.failure().toString());
        }
        return gatehouse;
    }
}
