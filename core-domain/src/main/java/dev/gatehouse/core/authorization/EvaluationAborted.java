package dev.gatehouse.core.authorization;

/**
 * Stops an evaluation that cannot give a trustworthy answer (depth limit, cycle, work budget); the
 * authorizer turns it into a failure. Thrown rather than returned so that the recursive evaluators
 * stay simple; it never leaves this package.
 */
final class EvaluationAborted extends RuntimeException {
    EvaluationAborted(String message) {
        super(message, null, false, false);
    }
}
