package dev.gatehouse.core.authorization;

/**
 * Splits schema text into identifiers and symbols, skipping whitespace and comments ({@code //},
 * {@code /* *}{@code /} and doc comments). Tokens are produced on demand so that the parser can
 * skip a caveat's CEL body as raw text.
 */
final class SchemaLexer {

    enum Kind { IDENTIFIER, SYMBOL, END }

    record Token(Kind kind, String text, int line, int column) {
        boolean is(String symbolOrWord) {
            return kind != Kind.END && text.equals(symbolOrWord);
        }

        String describe() {
            return switch (kind) {
                case END -> "end of schema";
                case IDENTIFIER -> "'" + text + "'";
                case SYMBOL -> "'" + text + "'";
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

    private static final String SINGLE_SYMBOLS = "{}():|#*=+-&.,<>;/";

    private final String src;
    private int pos;
    private int line = 1;
    private int lineStart;

    SchemaLexer(String src) {
        this.src = src;
    }

    Token next() {
        skipSpaceAndComments();
        int col = pos - lineStart + 1;
        if (pos >= src.length()) {
            return new Token(Kind.END, "", line, col);
        }
        char c = src.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(Kind.IDENTIFIER, src.substring(start, pos), line, col);
        }
        if (src.startsWith("->", pos)) {
            pos += 2;
            return new Token(Kind.SYMBOL, "->", line, col);
        }
        if (src.startsWith("...", pos)) {
            pos += 3;
            return new Token(Kind.SYMBOL, "...", line, col);
        }
        if (SINGLE_SYMBOLS.indexOf(c) >= 0) {
            pos++;
            return new Token(Kind.SYMBOL, String.valueOf(c), line, col);
        }
        throw new SyntaxError(line, col, "unexpected character '" + c + "'");
    }

    /**
     * Skips raw text up to the '}' that closes an already consumed '{' (nested braces and quoted
     * strings respected), leaving the lexer just after it. Used for caveat expressions (CEL).
     */
    void skipBalancedBraces(int openLine, int openColumn) {
        int depth = 1;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                newline();
            } else if (c == '"' || c == '\'') {
                skipQuoted(c);
                continue;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                pos++;
                return;
            }
            pos++;
        }
        throw new SyntaxError(openLine, openColumn, "unterminated caveat expression: expected '}' to close this '{'");
    }

    private void skipQuoted(char quote) {
        pos++;
        while (pos < src.length() && src.charAt(pos) != quote) {
            if (src.charAt(pos) == '\\') {
                pos++;
            } else if (src.charAt(pos) == '\n') {
                newline();
            }
            pos++;
        }
        pos++;
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                newline();
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (src.startsWith("//", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (src.startsWith("/*", pos)) {
                int startLine = line;
                int startCol = pos - lineStart + 1;
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw new SyntaxError(startLine, startCol, "unterminated comment: expected '*/'");
                }
                while (pos < end + 2) {
                    if (src.charAt(pos) == '\n') {
                        newline();
                    }
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private void newline() {
        line++;
        lineStart = pos + 1;
    }
}
