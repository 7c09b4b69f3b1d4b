package dev.gatehouse.core.authorization;

import java.util.HashSet;
import java.util.Set;

/**
 * Splits schema text into tokens as SpiceDB's lexer does ({@code pkg/schemadsl/lexer}): identifiers
 * (letters, digits and {@code _}), keywords, strings, symbols, and statement terminators, which are
 * either {@code ;} or a newline right after an identifier, a keyword, {@code }}, {@code )} or
 * {@code *} (a "synthetic semicolon"; any other newline, whitespace and comments are skipped). The
 * keywords are {@code definition caveat relation permission nil with}, and those a {@code use} flag
 * turns on before the first definition or caveat: {@code expiration} and {@code and}
 * ({@code use expiration}), {@code typechecking}, {@code self}, {@code partial}, {@code import}.
 */
final class SchemaLexer {

    enum Kind {
        IDENTIFIER("an identifier"), KEYWORD("a keyword"), STRING("a string"), SYMBOL("a symbol"),
        TERMINATOR("the end of a statement"), END("the end of the schema");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    record Token(Kind kind, String text, int line, int column, int offset) {
        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        boolean isKeyword(String keyword) {
            return kind == Kind.KEYWORD && text.equals(keyword);
        }

        boolean isIdentifier(String identifier) {
            return kind == Kind.IDENTIFIER && text.equals(identifier);
        }

        String describe() {
            return switch (kind) {
                case END -> "end of schema";
                case TERMINATOR -> text.equals(";") ? "';'" : "end of line";
                case KEYWORD -> "keyword '" + text + "'";
                case STRING -> "string " + text;
                default -> "'" + text + "'";
            };
        }
    }

    /** A syntax error at a position; the parser turns it into a failure. */
    static final class SyntaxError extends RuntimeException {
        final int line;
        final int column;

        SyntaxError(int line, int column, String message) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }
    }

    static final Set<String> FLAGS = Set.of("expiration", "typechecking", "self", "partial", "import");
    private static final Set<String> KEYWORDS = Set.of("definition", "caveat", "relation", "permission", "nil", "with");
    private static final String SINGLE_SYMBOLS = "{}()+?[]%,:#*/";

    private final String src;
    private int pos;
    private int line = 1;
    private int lineStart;
    /** Kind of the last token that was not whitespace or a comment, for synthetic semicolons. */
    private boolean lastEndsStatement;
    private final Set<String> enabledFlags = new HashSet<>();
    private boolean seenDefinition;
    private boolean afterUse;

    SchemaLexer(String src) {
        this.src = src;
    }

    /** Whether {@code use flag} turned the flag on (it does at the token, as in SpiceDB's flaggable lexer). */
    boolean enabled(String flag) {
        return enabledFlags.contains(flag);
    }

    String text(int from, int to) {
        return src.substring(from, to);
    }

    Token next() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            int col = pos - lineStart + 1;
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '\n' || c == '\r') {
                Token terminator = lastEndsStatement ? new Token(Kind.TERMINATOR, "\n", line, col, pos) : null;
                lastEndsStatement = false;
                pos++;
                if (c == '\n') {
                    line++;
                    lineStart = pos;
                }
                if (terminator != null) {
                    return terminator;
                }
            } else if (src.startsWith("//", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (src.startsWith("/*", pos)) {
                int startLine = line;
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw new SyntaxError(startLine, col, "Unterminated multiline comment");
                }
                while (pos < end + 2) {
                    if (src.charAt(pos) == '\n') {
                        line++;
                        lineStart = pos + 1;
                    }
                    pos++;
                }
            } else {
                return token(c, col);
            }
        }
        return new Token(Kind.END, "", line, pos - lineStart + 1, pos);
    }

    private Token token(char c, int col) {
        int start = pos;
        if (c == '_' || Character.isLetterOrDigit(c)) {
            while (pos < src.length() && (src.charAt(pos) == '_' || Character.isLetterOrDigit(src.charAt(pos)))) {
                pos++;
            }
            return word(src.substring(start, pos), col, start);
        }
        if (c == '"' || c == '\'') {
            return string(c, col, start);
        }
        String symbol;
        if (src.startsWith("...", pos)) {
            symbol = "...";
        } else if (src.startsWith("->", pos) || src.startsWith("||", pos) || src.startsWith("&&", pos)
                || src.startsWith("!=", pos) || src.startsWith("<=", pos) || src.startsWith(">=", pos)
                || src.startsWith("==", pos)) {
            symbol = src.substring(pos, pos + 2);
        } else if (SINGLE_SYMBOLS.indexOf(c) >= 0 || "|&!<>=.-;".indexOf(c) >= 0) {
            symbol = String.valueOf(c);
        } else {
            throw new SyntaxError(line, col, String.format("unrecognized character at this location: U+%04X '%c'", (int) c, c));
        }
        pos += symbol.length();
        lastEndsStatement = symbol.equals("}") || symbol.equals(")") || symbol.equals("*");
        return new Token(symbol.equals(";") ? Kind.TERMINATOR : Kind.SYMBOL, symbol, line, col, start);
    }

    private Token word(String word, int col, int start) {
        lastEndsStatement = true;
        boolean keyword = KEYWORDS.contains(word);
        if (!keyword) {
            // `use <flag>` turns the flag on from its own token, until the first definition or caveat.
            if (!seenDefinition) {
                if (afterUse) {
                    if (FLAGS.contains(word)) {
                        enabledFlags.add(word);
                    }
                    afterUse = false;
                } else {
                    afterUse = word.equals("use");
                }
            }
        } else if (word.equals("definition") || word.equals("caveat")) {
            seenDefinition = true;
        }
        if (!keyword) {
            keyword = enabledFlags.contains(word)
                    || (enabledFlags.contains("expiration") && word.equals("and"));
        }
        return new Token(keyword ? Kind.KEYWORD : Kind.IDENTIFIER, word, line, col, start);
    }

    private Token string(char quote, int col, int start) {
        String terminator = src.startsWith("\"\"\"", pos) || src.startsWith("'''", pos)
                ? "\"\"\"" : String.valueOf(quote);
        boolean multiline = terminator.length() == 3;
        pos += terminator.length();
        int startLine = line;
        while (!src.startsWith(terminator, pos)) {
            if (pos >= src.length()) {
                throw new SyntaxError(startLine, col, "Unterminated string");
            }
            char c = src.charAt(pos);
            if (c == '\n' || c == '\r') {
                if (!multiline) {
                    throw new SyntaxError(startLine, col, "Unterminated string");
                }
                line++;
                lineStart = pos + 1;
            }
            pos++;
        }
        pos += terminator.length();
        lastEndsStatement = false;
        return new Token(Kind.STRING, src.substring(start, pos), startLine, col, start);
    }
}
