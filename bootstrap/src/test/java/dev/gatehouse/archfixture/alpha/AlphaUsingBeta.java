package dev.gatehouse.archfixture.alpha;

import dev.gatehouse.archfixture.beta.PublicBetaStore;

/** Violation: one adapter depending on another. */
class AlphaUsingBeta {
    PublicBetaStore other = new PublicBetaStore();
}
