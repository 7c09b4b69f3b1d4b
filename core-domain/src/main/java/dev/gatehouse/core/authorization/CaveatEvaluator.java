package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Result;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The port to a caveat expression engine (SpiceDB's caveats are CEL expressions). core-domain has
 * none: the CEL implementation lives in the SpiceDB adapter, and a {@link LocalAuthorizer} without one
 * refuses schemas that define caveats ({@code caveats_unsupported}).
 */
public interface CaveatEvaluator {

    /**
     * Compiles (and type-checks) the caveats of a schema, as SpiceDB does when the schema is written;
     * a failure names the caveat, its line and column, and the reason.
     */
    Result<Compiled> compile(Collection<CaveatDefinition> caveats);

    /** The compiled caveats of one schema; thread-safe. */
    interface Compiled {

        /**
         * Whether {@code context} suits the parameters of caveat {@code name} (a relationship's context,
         * checked at write): empty when it does, else the reason, naming the parameter.
         */
        Optional<String> checkContext(String name, Map<String, Object> context);

        /**
         * Evaluates caveat {@code name} with {@code relationshipContext} over {@code requestContext}
         * (the relationship's values win). Throws {@link IllegalArgumentException} for a context value
         * of the wrong type.
         */
        Outcome evaluate(String name, Map<String, Object> relationshipContext, Map<String, Object> requestContext);
    }

    /** The answer of one caveat: true, false, or undecided for want of the named parameters. */
    record Outcome(Kind kind, Set<String> missing) {
        public enum Kind { TRUE, FALSE, CONDITIONAL }

        public static final Outcome TRUE = new Outcome(Kind.TRUE, Set.of());
        public static final Outcome FALSE = new Outcome(Kind.FALSE, Set.of());

        public Outcome {
            missing = Set.copyOf(missing);
        }

        public static Outcome conditional(Set<String> missing) {
            return new Outcome(Kind.CONDITIONAL, missing);
        }
    }
}
