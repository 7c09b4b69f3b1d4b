package dev.gatehouse.bootstrap;

import java.util.ArrayList;
import java.util.List;

/**
 * One line for a failed start: the innermost cause that says what to fix, instead of Micronaut's chain
 * of bean-creation wrappers. The three usual ones name their setting: an unreachable database
 * ({@code GATEHOUSE_DATABASE_URL}), a bad master key ({@code GATEHOUSE_MASTER_KEY}) and a bad plans file
 * ({@code GATEHOUSE_PLANS_FILE}).
 */
final class StartFailure {
    private StartFailure() {
    }

    static String describe(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) { // our own messages name their setting
            String message = t.getMessage();
            if (message != null && message.startsWith("GATEHOUSE_")) {
                return firstLine(message);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof dev.gatehouse.core.entitlements.PlanCatalog.InvalidCatalog) {
                return "GATEHOUSE_PLANS_FILE: " + firstLine(t.getMessage());
            }
        }
        for (Throwable t : chain) {
            if (t instanceof java.sql.SQLException || t.getClass().getName().startsWith("org.flywaydb")
                    || t.getClass().getName().startsWith("com.zaxxer.hikari")) {
                return "the database cannot be reached (GATEHOUSE_DATABASE_URL, GATEHOUSE_DATABASE_USER, "
                        + "GATEHOUSE_DATABASE_PASSWORD): " + databaseMessage(chain);
            }
        }
        Throwable root = chain.get(chain.size() - 1);
        return root.getClass().getSimpleName() + ": " + firstLine(String.valueOf(root.getMessage()));
    }

    /** The driver's own words (they name host and port), else the innermost message. */
    private static String databaseMessage(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (t instanceof java.sql.SQLException && t.getMessage() != null) {
                String message = firstLine(t.getMessage());
                int advice = message.indexOf(" Check that");
                return advice > 0 ? message.substring(0, advice) : message;
            }
        }
        return firstLine(String.valueOf(chain.get(chain.size() - 1).getMessage()));
    }

    private static String firstLine(String message) {
        String line = message.strip();
        int end = line.indexOf('\n');
        return end < 0 ? line : line.substring(0, end).strip();
    }
}
