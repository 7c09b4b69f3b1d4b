package dev.gatehouse.core.shared;

/**
 * One dependency the service needs to answer requests (the database, the authorization engine).
 * {@code /readyz} runs every check and reports each by {@link #name()}.
 */
public interface ReadinessCheck {
    /** Key in the readiness map: {@code database}, {@code authorization}. */
    String name();

    /** Whether the dependency answers now. Must return within about a second and never throw. */
    Status check();

    record Status(boolean up, String detail) {
        public static Status up(String detail) {
            return new Status(true, detail);
        }

        public static Status down(String detail) {
            return new Status(false, detail);
        }
    }
}
