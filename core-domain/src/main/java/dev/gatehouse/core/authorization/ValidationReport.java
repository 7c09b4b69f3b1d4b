package dev.gatehouse.core.authorization;

import java.util.List;

/**
 * What running a validation file found. Exit codes for a command line: 0 when every assertion
 * passed and every expected relation matched, 1 when one failed, 2 when the file is broken, 3 when it needs unsupported features.
 */
public record ValidationReport(Status status, String message, List<Outcome> outcomes) {

    public enum Status {
        PASSED(0), FAILED(1), BROKEN(2), UNSUPPORTED(3);

        private final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /**
     * The result of one assertion, or of one expected subject of the {@code validation:} block (then
     * {@code assertion} is null), with a message saying what was expected and found.
     */
    public record Outcome(Assertion assertion, boolean passed, String message) {
    }

    public ValidationReport {
        outcomes = List.copyOf(outcomes);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    public int exitCode() {
        return status.exitCode();
    }

    public long passedAssertions() {
        return outcomes.stream().filter(Outcome::passed).count();
    }

    public List<Outcome> failures() {
        return outcomes.stream().filter(o -> !o.passed()).toList();
    }

    static ValidationReport broken(String message) {
        return new ValidationReport(Status.BROKEN, "broken: " + message, List.of());
    }

    static ValidationReport unsupported(String message) {
        return new ValidationReport(Status.UNSUPPORTED, "unsupported: " + message, List.of());
    }
}
