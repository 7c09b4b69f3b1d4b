package dev.gatehouse.archfixture.beta;

/** Violation: a public adapter implementation. */
public class PublicBetaStore {
}
