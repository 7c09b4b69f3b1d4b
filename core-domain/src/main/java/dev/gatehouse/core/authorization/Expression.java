package dev.gatehouse.core.authorization;

import java.util.List;
import java.util.Objects;

/** The right-hand side of a {@code permission}: a tree of set operations over relations. */
public sealed interface Expression
        permits Expression.Union, Expression.Intersection, Expression.Exclusion, Expression.Reference,
        Expression.Arrow, Expression.Nil, Expression.Self {

    /** {@code a + b + …}: subjects of any child. */
    record Union(List<Expression> children) implements Expression {
        public Union {
            children = List.copyOf(children);
        }

        @Override
        public String toString() {
            return join(children, " + ");
        }
    }

    /** {@code a & b & …}: subjects of every child. */
    record Intersection(List<Expression> children) implements Expression {
        public Intersection {
            children = List.copyOf(children);
        }

        @Override
        public String toString() {
            return join(children, " & ");
        }
    }

    /** {@code base - excluded}: subjects of the base that are not subjects of the excluded. */
    record Exclusion(Expression base, Expression excluded) implements Expression {
        public Exclusion {
            Objects.requireNonNull(base);
            Objects.requireNonNull(excluded);
        }

        @Override
        public String toString() {
            return "(" + base + " - " + excluded + ")";
        }
    }

    /** A relation or permission of the same definition, by name. */
    record Reference(String name) implements Expression {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * {@code tupleset->target} (same as {@code tupleset.any(target)}) or {@code tupleset.all(target)}:
     * walks the relation {@code tupleset} to its subjects' objects and evaluates {@code target} there.
     */
    record Arrow(String tupleset, String target, Function function) implements Expression {
        public enum Function { ANY, ALL }

        @Override
        public String toString() {
            return function == Function.ALL ? tupleset + ".all(" + target + ")" : tupleset + "->" + target;
        }
    }

    /** {@code nil}: no subject at all. */
    record Nil() implements Expression {
        @Override
        public String toString() {
            return "nil";
        }
    }

    /**
     * {@code self} ({@code use self}): the resource itself, as a subject of its own type without a
     * subject relation; {@code user:ann} has {@code user:ann#self_permission}.
     */
    record Self() implements Expression {
        @Override
        public String toString() {
            return "self";
        }
    }

    private static String join(List<Expression> children, String op) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < children.size(); i++) {
            b.append(i == 0 ? "" : op).append(children.get(i));
        }
        return b.append(')').toString();
    }
}
