package dev.gatehouse.core.authorization;

import dev.gatehouse.core.authorization.SchemaLexer.Kind;
import dev.gatehouse.core.authorization.SchemaLexer.SyntaxError;
import dev.gatehouse.core.authorization.SchemaLexer.Token;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses and type-checks SpiceDB's schema language as SpiceDB 1.54 does: its grammar
 * ({@code pkg/schemadsl/parser}: statements end with {@code ;} or a newline, {@code use} flags before
 * the first definition, partials, imports, permission type annotations), its compiler's name rules
 * ({@code pkg/schemadsl/compiler}) and its type system's checks ({@code pkg/schema}: unknown or
 * duplicate subject types, wildcards reached through a subject relation or an arrow, permissions on
 * the left of an arrow, {@code use typechecking} annotations, cycles of permission aliases). The
 * first error is reported with its line and column and SpiceDB's reason. Operator precedence:
 * exclusion binds loosest, then intersection, then union, each left-associative, so
 * {@code a - b + c} is {@code a - (b + c)}; arrows bind tighter than any of them.
 */
final class SchemaParser {
    static final int MAX_TYPE_NAME_BYTES = 128;

    /** Reads imported schema files by the path written in {@code import "…"}, relative to the importing file. */
    interface Imports {
        /** The file's text; empty when there is no such file or it is not local. */
        Optional<String> read(String path);

        /** The resolver for the imports of the file at {@code path}. */
        Imports relativeTo(String path);

        /** A canonical name of the file at {@code path}, to find cycles and files imported twice. */
        String key(String path);
    }

    private record Position(int line, int column) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column;
        }
    }

    /** A relation, a permission or a {@code ...partial} reference, in definition order. */
    private record Member(String kind, String name, Position at, List<AllowedSubjectType> allowed,
                          Expression expression, List<String> annotations) {
    }

    private record ParsedDefinition(String name, Position at, List<Member> members) {
    }

    /** What all files of one schema (the root and its imports) share. */
    private static final class Compilation {
        final List<ParsedDefinition> definitions = new ArrayList<>();
        final Map<String, ParsedDefinition> partials = new LinkedHashMap<>();
        final Map<String, Position> caveats = new LinkedHashMap<>();
        final Map<String, CaveatDefinition> caveatDefinitions = new LinkedHashMap<>();
        final Set<String> flags = new LinkedHashSet<>();
        final Map<Object, Position> positions = new IdentityHashMap<>();
        final Set<String> imported = new HashSet<>();
    }

    private final SchemaLexer lexer;
    private final Compilation compilation;
    private final Imports imports;
    private Token current;
    private SyntaxError deferred;

    private final String text;

    private SchemaParser(String text, Compilation compilation, Imports imports) {
        this.text = text;
        this.lexer = new SchemaLexer(text);
        this.compilation = compilation;
        this.imports = imports;
    }

    static Result<Schema> parse(String text) {
        return parse(text, null);
    }

    /** With {@code imports} null, {@code import} statements are refused, as SpiceDB's WriteSchema does. */
    static Result<Schema> parse(String text, Imports imports) {
        Compilation compilation = new Compilation();
        try {
            new SchemaParser(text, compilation, imports).parseFile(new ArrayList<>());
            return Result.ok(new Checker(compilation).check());
        } catch (SyntaxError e) {
            return Result.fail(Failure.of(Reason.VALIDATION,
                            "schema error at line " + e.line + ", column " + e.column + ": " + e.getMessage())
                    .withDetail("line", e.line).withDetail("column", e.column));
        }
    }

    // ---- syntax ----------------------------------------------------------------------------

    private void parseFile(List<String> importChain) {
        advance();
        boolean seenDefinition = false;
        while (current.kind() != Kind.END) {
            tryTerminator();
            if (current.kind() == Kind.END) {
                break;
            }
            if (current.isIdentifier("use")) {
                useFlag(seenDefinition);
            } else if (current.isKeyword("definition")) {
                seenDefinition = true;
                Token start = current;
                advance();
                Token name = current;
                String path = typePath();
                compilation.definitions.add(new ParsedDefinition(path, at(name), body(path, at(start))));
            } else if (current.isKeyword("caveat")) {
                seenDefinition = true;
                caveat();
            } else if (current.isKeyword("import")) {
                importStatement(importChain);
            } else if (current.isKeyword("partial")) {
                advance();
                Token name = current;
                String path = typePath();
                ParsedDefinition partial = new ParsedDefinition(path, at(name), body(path, at(name)));
                if (compilation.partials.put(path, partial) != null) {
                    throw error(name, "found name reused between multiple partials: " + path);
                }
            } else {
                throw error(current, "Unexpected token at root level: " + current.describe()
                        + " (expected 'definition', 'caveat' or 'use')");
            }
        }
        if (deferred != null) {
            throw deferred;
        }
    }

    private void useFlag(boolean afterDefinition) {
        advance();
        if (current.kind() != Kind.IDENTIFIER && current.kind() != Kind.KEYWORD) {
            throw error(current, "Expected keyword, found " + current.describe() + " after 'use'");
        }
        Token flag = current;
        advance();
        if (!SchemaLexer.FLAGS.contains(flag.text())) {
            throw error(flag, "Unknown use flag: `" + flag.text() + "`. Options are: " + String.join(", ", new TreeSet<>(SchemaLexer.FLAGS)));
        }
        if (afterDefinition) {
            throw error(current, "`use` expressions must be declared before any definition");
        }
        compilation.flags.add(flag.text());
    }

    private void importStatement(List<String> importChain) {
        Token keyword = current;
        advance();
        if (current.kind() != Kind.STRING) {
            throw error(current, "Expected quote-delimited string, found " + current.describe());
        }
        String raw = current.text();
        String path = raw.startsWith("'") ? raw.replaceAll("^'+|'+$", "") : raw.replaceAll("^\"+|\"+$", "");
        advance();
        if (imports == null) {
            throw error(keyword, "import statements are not allowed in this context");
        }
        String key = imports.key(path);
        if (importChain.contains(key)) {
            throw error(keyword, "circular import detected: " + path + " has been visited on this branch");
        }
        if (!compilation.imported.add(key)) {
            return; // already compiled through another branch (diamond-shaped imports)
        }
        String text = imports.read(path).orElseThrow(() -> error(keyword,
                "failed to read import \"" + path + "\": no such file inside the schema's directory"));
        List<String> chain = new ArrayList<>(importChain);
        chain.add(key);
        try {
            new SchemaParser(text, compilation, imports.relativeTo(path)).parseFile(chain);
        } catch (SyntaxError e) {
            if (e.getMessage().startsWith("in imported file ")) {
                throw e;
            }
            throw new SyntaxError(e.line, e.column, "in imported file \"" + path + "\": " + e.getMessage());
        }
    }

    private List<Member> body(String name, Position opened) {
        expect("{", "'{' after '" + name + "'");
        List<Member> members = new ArrayList<>();
        while (true) {
            if (current.is("}")) {
                advance();
                break;
            }
            if (current.isKeyword("relation")) {
                members.add(relation());
            } else if (current.isKeyword("permission")) {
                members.add(permission());
            } else if (current.is("...")) {
                advance();
                Token partial = identifier("a partial name after '...'");
                members.add(new Member("partial", partial.text(), at(partial), List.of(), null, List.of()));
            }
            if (current.kind() == Kind.END) {
                throw error(current, "Expected '}' to close '" + name + "' opened at " + opened + ", found end of schema");
            }
            if (current.kind() != Kind.TERMINATOR) {
                throw error(current, "Expected end of statement or definition, found: " + current.describe()
                        + " (end each relation and permission with a newline or ';')");
            }
            advance();
        }
        return members;
    }

    private Member relation() {
        advance();
        Token name = identifier("a relation name after 'relation'");
        expect(":", "':' after relation name '" + name.text() + "'");
        List<AllowedSubjectType> allowed = new ArrayList<>();
        allowed.add(allowedType());
        while (current.is("|")) {
            advance();
            allowed.add(allowedType());
        }
        return new Member("relation", name.text(), at(name), List.copyOf(allowed), null, List.of());
    }

    private AllowedSubjectType allowedType() {
        Token start = current;
        String type = typePath();
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
                relation = identifier("a relation name or '...' after '" + type + "#'").text();
            }
        }
        Optional<String> caveat = Optional.empty();
        boolean expiration = false;
        if (current.isKeyword("with")) {
            advance();
            boolean more = true;
            if (!current.isKeyword("expiration")) {
                caveat = Optional.of(typePath());
                more = current.isKeyword("and");
                if (more) {
                    advance();
                }
            }
            if (more && current.isKeyword("expiration")) {
                advance();
                expiration = true;
                if (current.isKeyword("and")) {
                    throw error(current, "Unexpected keyword after expiration: the caveat must come before expiration, "
                            + "e.g. `with <caveat_name> and expiration`");
                }
            }
        }
        AllowedSubjectType allowed = new AllowedSubjectType(type, relation, wildcard, caveat, expiration);
        compilation.positions.put(allowed, at(start));
        return allowed;
    }

    private Member permission() {
        advance();
        Token name = identifier("a permission name after 'permission'");
        List<String> annotations = new ArrayList<>();
        if (current.is(":")) {
            advance();
            annotations.add(identifier("a type in the type annotation of '" + name.text() + "'").text());
            while (current.is("|")) {
                advance();
                annotations.add(identifier("a type after '|' in the type annotation of '" + name.text() + "'").text());
            }
        }
        expect("=", "'=' after permission name '" + name.text() + "'");
        Expression expression = operator(0);
        if (expression == null) {
            throw error(current, "Expected compute expression for permission '" + name.text() + "', found " + current.describe());
        }
        return new Member("permission", name.text(), at(name), List.of(), expression, List.copyOf(annotations));
    }

    private static final String[] OPERATORS = {"-", "&", "+"};

    /** Level 0: exclusion, 1: intersection, 2: union, 3: an arrow or an operand. */
    private Expression operator(int level) {
        if (level == OPERATORS.length) {
            return arrowOrBase();
        }
        Token start = current;
        Expression left = operator(level + 1);
        if (left == null) {
            return null;
        }
        while (current.is(OPERATORS[level])) {
            advance();
            Expression right = operator(level + 1);
            if (right == null) {
                throw error(current, "Expected right hand expression, found " + current.describe());
            }
            left = switch (level) {
                case 0 -> new Expression.Exclusion(left, right);
                case 1 -> new Expression.Intersection(flatten(left, right, Expression.Intersection.class));
                default -> new Expression.Union(flatten(left, right, Expression.Union.class));
            };
            compilation.positions.put(left, at(start));
        }
        return left;
    }

    /** SpiceDB collapses nested unions (and intersections) into one list of children. */
    private static List<Expression> flatten(Expression left, Expression right, Class<?> kind) {
        List<Expression> children = new ArrayList<>();
        for (Expression e : List.of(left, right)) {
            if (kind.isInstance(e)) {
                children.addAll(e instanceof Expression.Union u ? u.children() : ((Expression.Intersection) e).children());
            } else {
                children.add(e);
            }
        }
        return children;
    }

    private Expression arrowOrBase() {
        Token start = current;
        if (current.kind() != Kind.IDENTIFIER) {
            return base();
        }
        advance();
        Expression left = new Expression.Reference(start.text());
        compilation.positions.put(left, at(start));
        while (current.is("->") || current.is(".")) {
            boolean function = current.is(".");
            advance();
            Expression.Arrow.Function fn = Expression.Arrow.Function.ANY;
            if (function) {
                Token name = identifier("'any' or 'all' after '.'");
                if (!name.text().equals("any") && !name.text().equals("all")) {
                    throw error(name, "Expected 'any' or 'all' for arrow function, found: " + name.text());
                }
                fn = name.text().equals("all") ? Expression.Arrow.Function.ALL : Expression.Arrow.Function.ANY;
                expect("(", "'(' after '." + name.text() + "'");
            }
            if (current.kind() != Kind.IDENTIFIER) {
                throw error(current, "Expected right hand expression, found " + current.describe());
            }
            Token target = current;
            advance();
            if (function) {
                expect(")", "')' after '" + target.text() + "'");
            }
            if (!(left instanceof Expression.Reference tupleset)) {
                deferOnce(error(start, "Nested arrows not yet supported"));
                continue;
            }
            left = new Expression.Arrow(tupleset.name(), target.text(), fn);
            compilation.positions.put(left, at(start));
        }
        return left;
    }

    private Expression base() {
        Token start = current;
        if (current.is("(")) {
            advance();
            Expression inner = operator(0);
            if (inner == null) {
                throw error(current, "Expected compute expression, found " + current.describe());
            }
            expect(")", "')' to close the '(' at " + at(start));
            return inner;
        }
        Expression result = null;
        if (current.isKeyword("nil")) {
            result = new Expression.Nil();
        } else if (current.isKeyword("self")) {
            result = new Expression.Self();
        }
        if (result != null) {
            advance();
            compilation.positions.put(result, at(start));
        }
        return result;
    }

    private void caveat() {
        advance();
        Token nameToken = current;
        String name = typePath();
        expect("(", "'(' after caveat name '" + name + "'");
        Map<String, String> parameters = new LinkedHashMap<>();
        do {
            if (current.is(",")) {
                advance();
            }
            Token parameter = identifier("a parameter name in caveat '" + name + "'");
            String type = caveatType(name);
            if (parameters.put(parameter.text(), type) != null) {
                throw error(parameter, "duplicate parameter `" + parameter.text() + "` in caveat `" + name + "`");
            }
        } while (current.is(","));
        expect(")", "')' or ',' after a parameter of caveat '" + name + "'");
        expect("{", "'{' to start the expression of caveat '" + name + "'");
        int depth = 1;
        Token first = null;
        while (true) {
            if (current.kind() == Kind.END) {
                throw error(current, "Expected '}' to close the expression of caveat '" + name + "', found end of schema");
            }
            if (current.is("{")) {
                depth++;
            } else if (current.is("}") && --depth == 0) {
                break;
            }
            first = first == null ? current : first;
            advance();
        }
        if (first == null) {
            throw error(current, "missing caveat expression");
        }
        String expression = text.substring(first.offset(), current.offset()).strip();
        advance();
        if (compilation.caveats.put(name, at(nameToken)) != null) {
            throw error(nameToken, "found name reused between multiple definitions and/or caveats: " + name);
        }
        compilation.caveatDefinitions.put(name, new CaveatDefinition(name, parameters, expression,
                nameToken.line(), nameToken.column(), first.line()));
    }

    /** A parameter type as written, without spaces: {@code int}, {@code list<string>}, {@code map<any>}. */
    private String caveatType(String caveat) {
        StringBuilder type = new StringBuilder(identifier("a parameter type in caveat '" + caveat + "'").text());
        if (current.is("<")) {
            advance();
            type.append('<').append(caveatType(caveat));
            while (current.is(",")) {
                advance();
                type.append(',').append(caveatType(caveat));
            }
            expect(">", "'>' to close a generic parameter type in caveat '" + caveat + "'");
            type.append('>');
        }
        return type.toString();
    }

    private String typePath() {
        StringBuilder path = new StringBuilder(identifier("a type name").text());
        while (current.is("/")) {
            advance();
            path.append('/').append(identifier("a name after '" + path + "/'").text());
        }
        return path.toString();
    }

    private Token identifier(String what) {
        if (current.kind() != Kind.IDENTIFIER) {
            throw error(current, "Expected identifier (" + what + "), found " + current.describe()
                    + (current.kind() == Kind.KEYWORD ? ", a reserved keyword here" : ""));
        }
        Token t = current;
        advance();
        return t;
    }

    private void expect(String symbol, String what) {
        if (!current.is(symbol)) {
            throw error(current, "Expected " + what + ", found " + current.describe());
        }
        advance();
    }

    private void tryTerminator() {
        if (current.kind() == Kind.TERMINATOR) {
            advance();
        }
    }

    private void deferOnce(SyntaxError e) {
        if (deferred == null) {
            deferred = e;
        }
    }

    private void advance() {
        current = lexer.next();
    }

    private Position at(Token t) {
        return new Position(t.line(), t.column());
    }

    private SyntaxError error(Token t, String message) {
        return new SyntaxError(t.line(), t.column(), message);
    }

    private static SyntaxError error(Position p, String message) {
        return new SyntaxError(p == null ? 0 : p.line(), p == null ? 0 : p.column(), message);
    }

    // ---- translation and type checking (SpiceDB's compiler and pkg/schema) --------------------

    private static final class Checker {
        private final Compilation c;
        private final Map<String, ParsedDefinition> byName = new LinkedHashMap<>();
        private final Map<String, Map<String, Member>> members = new LinkedHashMap<>();

        Checker(Compilation compilation) {
            this.c = compilation;
        }

        Schema check() {
            for (ParsedDefinition d : c.definitions) {
                Map<String, Member> resolved = new LinkedHashMap<>();
                for (Member m : expand(d.members(), new ArrayList<>(), d)) {
                    for (AllowedSubjectType a : m.allowed()) {
                        if (!Names.isType(a.type())) {
                            throw error(position(a, m), "invalid type relation: validation error: namespace: does not match regex "
                                    + "pattern `^([a-z][a-z0-9_]{1,61}[a-z0-9]/)*[a-z][a-z0-9_]{1,62}[a-z0-9]$`");
                        }
                    }
                    if (!Names.isRelation(m.name())) {
                        throw error(m.at(), "error in " + m.kind() + " " + m.name()
                                + ": name: does not match regex pattern `^[a-z][a-z0-9_]{1,62}[a-z0-9]$`");
                    }
                    if (resolved.put(m.name(), m) != null) {
                        throw error(m.at(), "found duplicate relation/permission name `" + m.name()
                                + "` under definition `" + d.name() + "`");
                    }
                }
                checkTypeName(d);
                if (byName.put(d.name(), d) != null || c.caveats.containsKey(d.name())) {
                    throw error(d.at(), "found name reused between multiple definitions and/or caveats: " + d.name());
                }
                if (c.partials.containsKey(d.name())) {
                    throw error(d.at(), "found definition with same name as existing partial: " + d.name());
                }
                members.put(d.name(), resolved);
            }
            for (ParsedDefinition d : c.definitions) {
                validate(d, members.get(d.name()));
            }
            List<TypeDefinition> types = new ArrayList<>();
            for (ParsedDefinition d : c.definitions) {
                Map<String, List<AllowedSubjectType>> relations = new LinkedHashMap<>();
                Map<String, Expression> permissions = new LinkedHashMap<>();
                for (Member m : members.get(d.name()).values()) {
                    if (m.expression() == null) {
                        relations.put(m.name(), m.allowed());
                    } else {
                        permissions.put(m.name(), m.expression());
                    }
                }
                types.add(new TypeDefinition(d.name(), relations, permissions));
            }
            Set<String> caveats = new LinkedHashSet<>(c.caveats.keySet());
            for (Map<String, Member> ms : members.values()) {
                ms.values().forEach(m -> m.allowed().forEach(a -> a.caveat().ifPresent(caveats::add)));
            }
            return new Schema(types, caveats, c.caveatDefinitions, c.flags.contains("expiration"));
        }

        private List<Member> expand(List<Member> list, List<String> chain, ParsedDefinition owner) {
            List<Member> out = new ArrayList<>();
            for (Member m : list) {
                if (!m.kind().equals("partial")) {
                    out.add(m);
                    continue;
                }
                ParsedDefinition partial = c.partials.get(m.name());
                if (partial == null) {
                    throw error(m.at(), "could not find partial reference with name " + m.name());
                }
                if (chain.contains(m.name())) {
                    throw error(m.at(), "could not resolve partials: [" + String.join(", ", chain)
                            + "]. this may indicate a circular reference");
                }
                List<String> next = new ArrayList<>(chain);
                next.add(m.name());
                out.addAll(expand(partial.members(), next, owner));
            }
            return out;
        }

        private void checkTypeName(ParsedDefinition d) {
            boolean tooLong = d.name().getBytes(StandardCharsets.UTF_8).length > MAX_TYPE_NAME_BYTES;
            boolean pattern = Names.isDefinitionName(d.name());
            if (tooLong || !pattern) {
                List<String> problems = new ArrayList<>();
                if (tooLong) {
                    problems.add("name: must be at most " + MAX_TYPE_NAME_BYTES + " bytes");
                }
                if (!pattern || tooLong) {
                    problems.add("name: does not match regex pattern `^([a-z][a-z0-9_]{1,62}[a-z0-9]/)*[a-z][a-z0-9_]{1,62}[a-z0-9]$`");
                }
                throw error(d.at(), "error in object definition " + d.name() + ": " + String.join("; ", problems));
            }
        }

        private Position position(Object node, Member fallback) {
            Position p = c.positions.get(node);
            return p != null ? p : fallback.at();
        }

        private void validate(ParsedDefinition d, Map<String, Member> ms) {
            for (Member m : ms.values()) {
                if (m.expression() != null) {
                    if (!m.annotations().isEmpty() && c.flags.contains("typechecking")) {
                        Set<String> reachable = terminalTypes(d.name(), m.name(), new HashSet<>());
                        for (String type : reachable) {
                            if (!m.annotations().contains(type)) {
                                throw error(m.at(), "incomplete type annotation on relation `" + m.name() + "` in definition `"
                                        + d.name() + "`: `" + type + "` found as reachable type, but not contained in provided set "
                                        + m.annotations().stream().map(a -> "`" + a + "`").toList().toString().replace(", ", " "));
                            }
                        }
                    }
                    walk(d, ms, m, m.expression());
                    continue;
                }
                Set<String> encountered = new HashSet<>();
                for (AllowedSubjectType a : m.allowed()) {
                    Position p = position(a, m);
                    String source = a.toString();
                    if (!encountered.add(source)) {
                        throw error(p, "found duplicate allowed subject type `" + source + "` on relation `" + m.name()
                                + "` under definition `" + d.name() + "`");
                    }
                    boolean subjectRelation = !a.wildcard() && !SubjectRef.ELLIPSIS.equals(a.relation());
                    if (a.type().equals(d.name())) {
                        if (subjectRelation && !ms.containsKey(a.relation())) {
                            throw error(p, notFound(a.type(), a.relation()));
                        }
                    } else {
                        Map<String, Member> target = members.get(a.type());
                        if (target == null) {
                            throw error(p, "could not lookup definition `" + a.type() + "` for relation `" + m.name()
                                    + "`: object definition `" + a.type() + "` not found");
                        }
                        if (subjectRelation) {
                            if (!target.containsKey(a.relation())) {
                                throw error(p, notFound(a.type(), a.relation()));
                            }
                            String[] wildcard = wildcardVia(a.type(), a.relation(), new HashSet<>());
                            if (wildcard != null) {
                                throw error(p, "for relation `" + m.name() + "`: relation/permission `" + a.type() + "#"
                                        + a.relation() + "` includes wildcard type `" + wildcard[0] + "` via relation `"
                                        + wildcard[1] + "`: wildcard relations cannot be transitively included");
                            }
                        }
                    }
                    if (a.caveat().isPresent() && !c.caveats.containsKey(a.caveat().get())) {
                        throw error(p, "could not lookup caveat `" + a.caveat().get() + "` for relation `" + m.name()
                                + "`: caveat with name `" + a.caveat().get() + "` not found"
                                + (a.caveat().get().equals("expiration") ? " (for 'with expiration', declare 'use expiration' first)" : ""));
                    }
                }
            }
            aliasCycles(d, ms);
        }

        private static String notFound(String type, String relation) {
            return "relation/permission `" + relation + "` not found under definition `" + type + "`";
        }

        private void walk(ParsedDefinition d, Map<String, Member> ms, Member permission, Expression e) {
            if (e instanceof Expression.Union u) {
                u.children().forEach(child -> walk(d, ms, permission, child));
            } else if (e instanceof Expression.Intersection i) {
                i.children().forEach(child -> walk(d, ms, permission, child));
            } else if (e instanceof Expression.Exclusion x) {
                walk(d, ms, permission, x.base());
                walk(d, ms, permission, x.excluded());
            } else if (e instanceof Expression.Reference r) {
                if (!ms.containsKey(r.name())) {
                    throw error(position(e, permission), notFound(d.name(), r.name()));
                }
            } else if (e instanceof Expression.Arrow a) {
                Position p = position(e, permission);
                Member tupleset = ms.get(a.tupleset());
                if (tupleset == null) {
                    throw error(p, notFound(d.name(), a.tupleset()));
                }
                if (tupleset.expression() != null) {
                    throw error(p, "under permission `" + permission.name() + "` under definition `" + d.name()
                            + "`: permissions cannot be used on the left hand side of an arrow (found `" + a.tupleset() + "`)");
                }
                String[] wildcard = wildcardVia(d.name(), a.tupleset(), new HashSet<>());
                if (wildcard != null) {
                    throw error(p, "for arrow under permission `" + permission.name() + "`: relation `" + d.name() + "#"
                            + a.tupleset() + "` includes wildcard type `" + wildcard[0] + "` via relation `" + wildcard[1]
                            + "`: wildcard relations cannot be used on the left side of arrows");
                }
            }
        }

        /** The wildcard type a relation reaches through its subject relations, and the relation holding it; null if none. */
        private String[] wildcardVia(String type, String relation, Set<String> encountered) {
            if (!encountered.add(type + "#" + relation)) {
                return null;
            }
            Member m = members.getOrDefault(type, Map.of()).get(relation);
            if (m == null || m.expression() != null) {
                return null;
            }
            for (AllowedSubjectType a : m.allowed()) {
                if (a.wildcard()) {
                    return new String[] {a.type(), type + "#" + relation};
                }
                if (!SubjectRef.ELLIPSIS.equals(a.relation())) {
                    String[] found = wildcardVia(a.type(), a.relation(), encountered);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }

        /** SpiceDB's {@code GetRecursiveTerminalTypesForRelation}: the object types a relation or permission can hold. */
        private Set<String> terminalTypes(String type, String name, Set<String> seen) {
            Set<String> out = new LinkedHashSet<>();
            if (!seen.add(type + "#" + name)) {
                return out;
            }
            Member m = members.getOrDefault(type, Map.of()).get(name);
            if (m == null) {
                return out;
            }
            if (m.expression() == null) {
                for (AllowedSubjectType a : m.allowed()) {
                    if (a.wildcard() || SubjectRef.ELLIPSIS.equals(a.relation())) {
                        out.add(a.type());
                    } else {
                        out.addAll(terminalTypes(a.type(), a.relation(), seen));
                    }
                }
                return out;
            }
            rewriteTypes(type, m.expression(), seen, out);
            return out;
        }

        private void rewriteTypes(String type, Expression e, Set<String> seen, Set<String> out) {
            if (e instanceof Expression.Union u) {
                u.children().forEach(child -> rewriteTypes(type, child, seen, out));
            } else if (e instanceof Expression.Intersection i) {
                i.children().forEach(child -> rewriteTypes(type, child, seen, out));
            } else if (e instanceof Expression.Exclusion x) {
                rewriteTypes(type, x.base(), seen, out);
                rewriteTypes(type, x.excluded(), seen, out);
            } else if (e instanceof Expression.Reference r) {
                out.addAll(terminalTypes(type, r.name(), seen));
            } else if (e instanceof Expression.Arrow a) {
                Member tupleset = members.getOrDefault(type, Map.of()).get(a.tupleset());
                Set<String> intermediate = new LinkedHashSet<>();
                if (tupleset != null) {
                    tupleset.allowed().forEach(s -> intermediate.add(s.type()));
                }
                for (String t : intermediate) {
                    out.addAll(terminalTypes(t, a.target(), seen));
                }
            }
        }

        /** SpiceDB refuses permissions that only alias one another in a cycle ({@code internal/namespace/aliasing.go}). */
        private void aliasCycles(ParsedDefinition d, Map<String, Member> ms) {
            Map<String, String> unresolved = new LinkedHashMap<>();
            Set<String> done = new HashSet<>();
            for (Member m : ms.values()) {
                if (m.expression() instanceof Expression.Reference r && ms.containsKey(r.name())
                        && ms.get(r.name()).expression() != null) {
                    unresolved.put(m.name(), r.name());
                } else {
                    done.add(m.name());
                }
            }
            while (!unresolved.isEmpty()) {
                int before = unresolved.size();
                unresolved.entrySet().removeIf(entry -> {
                    if (done.contains(entry.getValue())) {
                        done.add(entry.getKey());
                        return true;
                    }
                    return false;
                });
                if (unresolved.size() == before) {
                    Set<String> names = new TreeSet<>(unresolved.keySet());
                    throw error(ms.get(names.iterator().next()).at(), "under definition `" + d.name()
                            + "`, there exists a cycle in permissions: " + String.join(", ", names));
                }
            }
        }
    }
}
