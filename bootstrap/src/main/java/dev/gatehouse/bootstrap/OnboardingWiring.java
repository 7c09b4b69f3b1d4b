package dev.gatehouse.bootstrap;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.tenancy.Onboarding;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The onboarding feature ({@link Onboarding}): sign-up by invitation over the Gatehouse's stores. */
@Factory
class OnboardingWiring {
    @Singleton
    Onboarding onboarding(Gatehouse gatehouse) {
        var p = gatehouse.ports();
        return Onboarding.wire(p.invitations(), p.users(), p.passwordHasher(), gatehouse.acceptInvitation(), gatehouse.audit().auditor(),
                new Events(p.eventOutbox(), p.clock(), p.ids()), p.transactions(), p.clock(), p.ids());
    }
}
