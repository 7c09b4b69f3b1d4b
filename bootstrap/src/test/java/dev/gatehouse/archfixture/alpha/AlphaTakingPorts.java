package dev.gatehouse.archfixture.alpha;

import dev.gatehouse.archfixture.core.FixtureFacade;

/** Violation: an adapter handed the facade's ports record (without calling {@code ports()} itself). */
public class AlphaTakingPorts {
    int read(FixtureFacade.Ports ports) {
        return ports.hashCode();
    }
}
