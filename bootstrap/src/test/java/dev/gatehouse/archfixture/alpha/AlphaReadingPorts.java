package dev.gatehouse.archfixture.alpha;

import dev.gatehouse.archfixture.core.FixtureFacade;

/** Violation: an adapter reaching into the facade's ports. */
public class AlphaReadingPorts {
    Object read(FixtureFacade facade) {
        return facade.ports();
    }
}
