package dev.routewise.routing.rules;

import java.util.ArrayList;
import java.util.List;

/** Splits a condition into tokens, each with its 1-based column. */
final class Lexer {

    enum Kind { IDENT, STRING, NUMBER, OP, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, END }

    record Token(Kind kind, String text, int column) {

        boolean is(Kind k) {
            return kind == k;
        }

        /** A keyword or identifier, case-insensitively. */
        boolean isWord(String word) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(word);
        }

        String describe() {
            return switch (kind) {
                case END -> "the end of the condition";
                case STRING -> "the string \"" + text + "\"";
                default -> "'" + text + "'";
            };
        }
    }

    private Lexer() {
    }

    static List<Token> tokens(String src, int maxStringLength) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_'
                        || src.charAt(i) == '-' && i + 1 < n && Character.isLetterOrDigit(src.charAt(i + 1)))) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENT, src.substring(start, i), column));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < n && Character.isDigit(src.charAt(i))) {
                    i++;
                }
                if (i + 1 < n && src.charAt(i) == '.' && Character.isDigit(src.charAt(i + 1))) {
                    i++;
                    while (i < n && Character.isDigit(src.charAt(i))) {
                        i++;
                    }
                }
                if (i < n && Character.isLetter(src.charAt(i))) {
                    throw new RuleException("condition", column, "a number cannot run into letters: '"
                            + src.substring(start, Math.min(n, i + 1)) + "'");
                }
                tokens.add(new Token(Kind.NUMBER, src.substring(start, i), column));
            } else if (c == '"' || c == '\'') {
                int end = src.indexOf(c, i + 1);
                if (end < 0) {
                    throw new RuleException("condition", column, "this string is not closed: add a " + c);
                }
                if (end - i - 1 > maxStringLength) {
                    throw new RuleException("condition", column, "strings are at most " + maxStringLength
                            + " characters long");
                }
                tokens.add(new Token(Kind.STRING, src.substring(i + 1, end), column));
                i = end + 1;
            } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                boolean twoChars = i + 1 < n && src.charAt(i + 1) == '=';
                if (!twoChars && (c == '=' || c == '!')) {
                    throw new RuleException("condition", column, c == '='
                            ? "use == to compare" : "use != to compare, or 'not' to negate");
                }
                tokens.add(new Token(Kind.OP, twoChars ? src.substring(i, i + 2) : String.valueOf(c), column));
                i += twoChars ? 2 : 1;
            } else {
                Kind kind = switch (c) {
                    case '(' -> Kind.LPAREN;
                    case ')' -> Kind.RPAREN;
                    case '[' -> Kind.LBRACKET;
                    case ']' -> Kind.RBRACKET;
                    case ',' -> Kind.COMMA;
                    default -> throw new RuleException("condition", column, (c == '&' || c == '|'
                            ? "write 'and' or 'or' instead of '" + c + "'" : "unexpected character '" + c + "'"));
                };
                tokens.add(new Token(kind, String.valueOf(c), column));
                i++;
            }
        }
        tokens.add(new Token(Kind.END, "", n + 1));
        return tokens;
    }
}
