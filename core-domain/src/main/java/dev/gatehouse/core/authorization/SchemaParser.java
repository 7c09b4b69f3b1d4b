package dev.gatehouse.core.authorization;

import dev.gatehouse.core.authorization.SchemaLexer.SyntaxError;
import dev.gatehouse.core.authorization.SchemaLexer.Token;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses and type-checks SpiceDB's schema language. Operator precedence follows SpiceDB's parser
 * ({@code pkg/schemadsl/parser}): exclusion binds loosest, then intersection, then union, each
 * left-associative, so {@code a - b + c} is {@code a - (b + c)} and {@code a + b & c} is
 * {@code (a + b) & c}. Arrows bind tighter than any of them.
 */
final class SchemaParser {

    private record Position(int line, int column) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column;
        }
    }

    /** A definition as written, with positions kept for the type checker's messages. */
    private record ParsedDefinition(String name, Position at, Map<String, List<AllowedSubjectType>> relations,
                                    Map<String, Expression> permissions, Map<Object, Position> positions) {
    }

    private final SchemaLexer lexer;
    private Token current;
    private final List<ParsedDefinition> definitions = new ArrayList<>();
    private final Map<String, Position> caveats = new LinkedHashMap<>();
    private final Set<String> features = new LinkedHashSet<>();
    private final Map<AllowedSubjectType, Position> typePositions = new IdentityHashMap<>();

    private SchemaParser(String text) {
        this.lexer = new SchemaLexer(text);
    }

    static Result<Schema> parse(String text) {
        SchemaParser p = new SchemaParser(text);
        try {
            p.advance();
            p.parseFile();
            return Result.ok(p.check());
        } catch (SyntaxError e) {
            return Result.fail(Failure.of(Reason.VALIDATION,
                            "schema error at line " + e.line + ", column " + e.column + ": " + e.getMessage())
                    .withDetail("line", e.line).withDetail("column", e.column));
        }
    }

    // ---- syntax ----------------------------------------------------------------------------

    private void parseFile() {
        while (current.kind() != SchemaLexer.Kind.END) {
            if (current.is(";")) {
                advance();
            } else if (current.is("definition")) {
                parseDefinition();
            } else if (current.is("caveat")) {
                parseCaveat();
            } else if (current.is("use")) {
                advance();
                Token feature = expectIdentifier("a feature name after 'use'");
                if (!feature.text().equals("expiration")) {
                    throw error(feature, "unknown feature '" + feature.text() + "' after 'use': expected 'expiration'");
                }
                features.add(feature.text());
            } else {
                throw error(current, "expected 'definition', 'caveat' or 'use', found " + current.describe());
            }
        }
    }

    private void parseDefinition() {
        Token keyword = current;
        advance();
        Token nameToken = current;
        String name = typePath("a definition name after 'definition'");
        expect("{", "'{' after definition name '" + name + "'");
        Map<String, List<AllowedSubjectType>> relations = new LinkedHashMap<>();
        Map<String, Expression> permissions = new LinkedHashMap<>();
        Map<Object, Position> positions = new IdentityHashMap<>();
        while (!current.is("}")) {
            if (current.is(";")) {
                advance();
            } else if (current.is("relation")) {
                advance();
                Token relName = expectIdentifier("a relation name after 'relation'");
                requireNew(relName, relations, permissions, name);
                expect(":", "':' after relation name '" + relName.text() + "'");
                List<AllowedSubjectType> allowed = new ArrayList<>();
                allowed.add(allowedType());
                while (current.is("|")) {
                    advance();
                    allowed.add(allowedType());
                }
                relations.put(relName.text(), List.copyOf(allowed));
                positions.put(relName.text(), at(relName));
            } else if (current.is("permission")) {
                advance();
                Token permName = expectIdentifier("a permission name after 'permission'");
                requireNew(permName, relations, permissions, name);
                expect("=", "'=' after permission name '" + permName.text() + "'");
                permissions.put(permName.text(), expression(positions));
                positions.put(permName.text(), at(permName));
            } else if (current.kind() == SchemaLexer.Kind.END) {
                throw error(current, "expected '}' to close definition '" + name + "' opened at "
                        + at(keyword) + ", found end of schema");
            } else {
                throw error(current, "expected 'relation', 'permission' or '}' in definition '" + name
                        + "', found " + current.describe());
            }
        }
        advance();
        definitions.add(new ParsedDefinition(name, at(nameToken), relations, permissions, positions));
    }

    private void requireNew(Token name, Map<String, ?> relations, Map<String, ?> permissions, String definition) {
        if (relations.containsKey(name.text()) || permissions.containsKey(name.text())) {
            throw error(name, "'" + name.text() + "' is defined twice in definition '" + definition + "'");
        }
    }

    private AllowedSubjectType allowedType() {
        Token start = current;
        String type = typePath("a subject type");
        String relation = SubjectRef.ELLIPSIS;
        boolean wildcard = false;
        if (current.is(":")) {
            advance();
            expect("*", "'*' after '" + type + ":' (a wildcard)");
            wildcard = true;
        } else if (current.is("#")) {
            advance();
            if (current.is("...")) {
                advance();
            } else {
                relation = expectIdentifier("a relation name or '...' after '" + type + "#'").text();
            }
        }
        Optional<String> caveat = Optional.empty();
        boolean expiration = false;
        if (current.is("with")) {
            advance();
            Token traitToken = current;
            String trait = typePath("a caveat name or 'expiration' after 'with'");
            if (trait.equals("expiration")) {
                expiration = true;
            } else {
                caveat = Optional.of(trait);
                if (current.is("and")) {
                    advance();
                    Token exp = expectIdentifier("'expiration' after 'and'");
                    if (!exp.text().equals("expiration")) {
                        throw error(exp, "expected 'expiration' after 'and', found " + exp.describe());
                    }
                    expiration = true;
                }
            }
            if (expiration && !features.contains("expiration")) {
                throw error(traitToken, "'with expiration' needs 'use expiration' at the top of the schema");
            }
        }
        AllowedSubjectType allowed = new AllowedSubjectType(type, relation, wildcard, caveat, expiration);
        typePositions.put(allowed, at(start));
        return allowed;
    }

    private void parseCaveat() {
        advance();
        Token nameToken = current;
        String name = typePath("a caveat name after 'caveat'");
        expect("(", "'(' after caveat name '" + name + "'");
        do {
            if (current.is(",")) {
                advance();
            }
            expectIdentifier("a parameter name in caveat '" + name + "'");
            caveatType(name);
        } while (current.is(","));
        expect(")", "')' or ',' after a parameter of caveat '" + name + "'");
        if (!current.is("{")) {
            throw error(current, "expected '{' to start the expression of caveat '" + name + "', found "
                    + current.describe());
        }
        // The lexer is just past '{': skip the CEL expression as raw text.
        lexer.skipBalancedBraces(current.line(), current.column());
        advance();
        caveats.put(name, at(nameToken));
    }

    private void caveatType(String caveat) {
        expectIdentifier("a parameter type in caveat '" + caveat + "'");
        if (current.is("<")) {
            advance();
            caveatType(caveat);
            while (current.is(",")) {
                advance();
                caveatType(caveat);
            }
            expect(">", "'>' to close a generic parameter type in caveat '" + caveat + "'");
        }
    }

    // expression := exclusion ; exclusion := intersection ('-' intersection)* ;
    // intersection := union ('&' union)* ; union := operand ('+' operand)*
    private Expression expression(Map<Object, Position> positions) {
        Expression left = intersection(positions);
        while (current.is("-")) {
            advance();
            left = new Expression.Exclusion(left, intersection(positions));
        }
        return left;
    }

    private Expression intersection(Map<Object, Position> positions) {
        List<Expression> children = new ArrayList<>(List.of(union(positions)));
        while (current.is("&")) {
            advance();
            children.add(union(positions));
        }
        return children.size() == 1 ? children.get(0) : new Expression.Intersection(children);
    }

    private Expression union(Map<Object, Position> positions) {
        List<Expression> children = new ArrayList<>(List.of(operand(positions)));
        while (current.is("+")) {
            advance();
            children.add(operand(positions));
        }
        return children.size() == 1 ? children.get(0) : new Expression.Union(children);
    }

    private Expression operand(Map<Object, Position> positions) {
        Token start = current;
        if (current.is("(")) {
            advance();
            Expression inner = expression(positions);
            expect(")", "')' to close the '(' at " + at(start));
            return inner;
        }
        if (current.is("nil")) {
            advance();
            return new Expression.Nil();
        }
        if (current.kind() != SchemaLexer.Kind.IDENTIFIER) {
            throw error(current, "expected a relation, a permission, 'nil' or '(', found " + current.describe());
        }
        String name = current.text();
        advance();
        Expression result;
        if (current.is("->")) {
            advance();
            Token target = expectIdentifier("a relation or permission name after '" + name + "->'");
            result = new Expression.Arrow(name, target.text(), Expression.Arrow.Function.ANY);
        } else if (current.is(".")) {
            advance();
            Token fn = expectIdentifier("'any' or 'all' after '" + name + ".'");
            Expression.Arrow.Function function = switch (fn.text()) {
                case "any" -> Expression.Arrow.Function.ANY;
                case "all" -> Expression.Arrow.Function.ALL;
                default -> throw error(fn, "expected 'any' or 'all' after '" + name + ".', found " + fn.describe());
            };
            expect("(", "'(' after '" + name + "." + fn.text() + "'");
            Token target = expectIdentifier("a relation or permission name in '" + name + "." + fn.text() + "(…)'");
            expect(")", "')' after '" + name + "." + fn.text() + "(" + target.text() + "'");
            result = new Expression.Arrow(name, target.text(), function);
        } else {
            result = new Expression.Reference(name);
        }
        if (current.is("->") || current.is(".")) {
            throw error(current, "nested arrows are not supported (SpiceDB rejects them too): split '"
                    + result + "' into a permission on the intermediate type");
        }
        positions.put(result, at(start));
        return result;
    }

    private String typePath(String what) {
        StringBuilder path = new StringBuilder(expectIdentifier(what).text());
        while (current.is("/")) {
            advance();
            path.append('/').append(expectIdentifier("a name after '" + path + "/'").text());
        }
        return path.toString();
    }

    private Token expectIdentifier(String what) {
        if (current.kind() != SchemaLexer.Kind.IDENTIFIER) {
            throw error(current, "expected " + what + ", found " + current.describe());
        }
        Token t = current;
        advance();
        return t;
    }

    private void expect(String symbol, String what) {
        if (!current.is(symbol) || current.kind() != SchemaLexer.Kind.SYMBOL) {
            throw error(current, "expected " + what + ", found " + current.describe());
        }
        advance();
    }

    private void advance() {
        current = lexer.next();
    }

    private static Position at(Token t) {
        return new Position(t.line(), t.column());
    }

    private static SyntaxError error(Token t, String message) {
        return new SyntaxError(t.line(), t.column(), message);
    }

    private static SyntaxError error(Position p, String message) {
        return new SyntaxError(p.line(), p.column(), message);
    }

    // ---- type checking ---------------------------------------------------------------------

    private Schema check() {
        Map<String, ParsedDefinition> byName = new LinkedHashMap<>();
        for (ParsedDefinition d : definitions) {
            if (!Names.isType(d.name())) {
                throw error(d.at(), "invalid definition name '" + d.name()
                        + "': each '/'-separated segment needs 3 to 64 lowercase letters, digits or '_'");
            }
            if (byName.put(d.name(), d) != null) {
                throw error(d.at(), "definition '" + d.name() + "' is defined twice");
            }
        }
        Set<String> referencedCaveats = new LinkedHashSet<>();
        for (ParsedDefinition d : definitions) {
            for (var relation : d.relations().entrySet()) {
                checkName(d, relation.getKey());
                for (AllowedSubjectType allowed : relation.getValue()) {
                    checkAllowed(d, relation.getKey(), allowed, byName);
                    allowed.caveat().ifPresent(referencedCaveats::add);
                }
            }
            for (var permission : d.permissions().entrySet()) {
                checkName(d, permission.getKey());
                checkExpression(d, permission.getKey(), permission.getValue(), byName);
            }
        }
        Set<String> allCaveats = new LinkedHashSet<>(caveats.keySet());
        allCaveats.addAll(referencedCaveats);
        List<TypeDefinition> types = new ArrayList<>();
        for (ParsedDefinition d : definitions) {
            types.add(new TypeDefinition(d.name(), d.relations(), d.permissions()));
        }
        return new Schema(types, allCaveats, features.contains("expiration"));
    }

    private void checkName(ParsedDefinition d, String name) {
        if (!Names.isRelation(name)) {
            throw error(d.positions().get(name), "invalid name '" + name + "' in definition '" + d.name()
                    + "': 3 to 64 lowercase letters, digits or '_', starting with a letter");
        }
    }

    private void checkAllowed(ParsedDefinition d, String relation, AllowedSubjectType allowed,
                              Map<String, ParsedDefinition> byName) {
        Position p = typePositions.get(allowed);
        ParsedDefinition target = byName.get(allowed.type());
        if (target == null) {
            throw error(p, "relation '" + d.name() + "#" + relation + "' allows unknown type '" + allowed.type()
                    + "': expected one of " + byName.keySet());
        }
        String sub = allowed.relation();
        if (!SubjectRef.ELLIPSIS.equals(sub)
                && !target.relations().containsKey(sub) && !target.permissions().containsKey(sub)) {
            throw error(p, "relation '" + d.name() + "#" + relation + "' allows '" + allowed.type() + "#" + sub
                    + "', but definition '" + allowed.type() + "' has no relation or permission '" + sub + "'");
        }
        if (allowed.caveat().isPresent() && !caveats.containsKey(allowed.caveat().get())) {
            throw error(p, "relation '" + d.name() + "#" + relation + "' uses caveat '" + allowed.caveat().get()
                    + "', which is not defined");
        }
    }

    private void checkExpression(ParsedDefinition d, String permission, Expression e,
                                 Map<String, ParsedDefinition> byName) {
        if (e instanceof Expression.Union u) {
            u.children().forEach(c -> checkExpression(d, permission, c, byName));
        } else if (e instanceof Expression.Intersection i) {
            i.children().forEach(c -> checkExpression(d, permission, c, byName));
        } else if (e instanceof Expression.Exclusion x) {
            checkExpression(d, permission, x.base(), byName);
            checkExpression(d, permission, x.excluded(), byName);
        } else if (e instanceof Expression.Reference r) {
            if (!d.relations().containsKey(r.name()) && !d.permissions().containsKey(r.name())) {
                throw error(d.positions().get(e), "permission '" + d.name() + "#" + permission
                        + "' refers to '" + r.name() + "', which is not a relation or permission of '" + d.name() + "'");
            }
        } else if (e instanceof Expression.Arrow a) {
            Position p = d.positions().get(e);
            List<AllowedSubjectType> tupleset = d.relations().get(a.tupleset());
            if (tupleset == null) {
                throw error(p, "permission '" + d.name() + "#" + permission + "' walks '" + a.tupleset()
                        + "', which is not a relation of '" + d.name() + "'"
                        + (d.permissions().containsKey(a.tupleset()) ? " (the left side of an arrow must be a relation)" : ""));
            }
            boolean found = false;
            for (AllowedSubjectType allowed : tupleset) {
                if (allowed.wildcard()) {
                    throw error(p, "permission '" + d.name() + "#" + permission + "' walks '" + a.tupleset()
                            + "', which allows the wildcard '" + allowed + "': wildcards cannot be used on the left of an arrow");
                }
                ParsedDefinition target = byName.get(allowed.type());
                found |= target.relations().containsKey(a.target()) || target.permissions().containsKey(a.target());
            }
            if (!found) {
                throw error(p, "permission '" + d.name() + "#" + permission + "' uses '" + a + "', but none of the types of '"
                        + a.tupleset() + "' has a relation or permission '" + a.target() + "'");
            }
        }
    }
}
