package dev.routewise.routing.rules;

import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.routing.rules.Lexer.Kind;
import dev.routewise.routing.rules.Lexer.Token;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Recursive-descent parser of conditions, type-checked as it goes:
 * <pre>
 * or      := and ("or" and)*
 * and     := not ("and" not)*
 * not     := "not" not | primary
 * primary := "(" or ")" | "true" | "false"
 *          | ("healthy" | "unhealthy") "(" name ")"
 *          | "bucket" "(" salt ")" cmp integer
 *          | field cmp value | field ["not"] "in" "[" value ("," value)* "]" | field "contains" value
 * </pre>
 * Length, nesting and list sizes are bounded so a hostile condition can neither overflow the stack nor make
 * evaluation expensive.
 */
final class Parser {

    static final int MAX_LENGTH = 2_000;
    static final int MAX_DEPTH = 32;
    static final int MAX_LIST = 100;
    static final int MAX_STRING = 200;

    static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final List<String> WEEKDAY_NAMES = List.of("monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday");
    private static final List<String> FUNCTIONS = List.of("healthy", "unhealthy", "bucket");
    private static final String OPERATORS = "==, !=, <, <=, >, >=, in, not in or contains";

    private final List<Token> tokens;
    private int pos;
    private int depth;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Node parse(String text) {
        if (text == null || text.isBlank()) {
            throw new RuleException("condition", 1, "write a condition, e.g. task == code (or true to match "
                    + "every request)");
        }
        if (text.length() > MAX_LENGTH) {
            throw new RuleException("condition", MAX_LENGTH + 1, "a condition is at most " + MAX_LENGTH
                    + " characters long");
        }
        Parser parser = new Parser(Lexer.tokens(text, MAX_STRING));
        Node root = parser.or();
        Token rest = parser.peek();
        if (!rest.is(Kind.END)) {
            throw error(rest, rest.is(Kind.RPAREN) ? "this ) has no matching ("
                    : "expected 'and', 'or' or the end of the condition, found " + rest.describe());
        }
        return root;
    }

    // ------------------------------------------------------------------ logic

    private Node or() {
        List<Node> parts = new ArrayList<>(2);
        parts.add(and());
        while (peek().isWord("or")) {
            next();
            parts.add(and());
        }
        return parts.size() == 1 ? parts.getFirst() : new Node.Or(parts.toArray(Node[]::new));
    }

    private Node and() {
        List<Node> parts = new ArrayList<>(2);
        parts.add(not());
        while (peek().isWord("and")) {
            next();
            parts.add(not());
        }
        return parts.size() == 1 ? parts.getFirst() : new Node.And(parts.toArray(Node[]::new));
    }

    private Node not() {
        if (peek().isWord("not")) {
            Token not = next();
            enter(not);
            Node inner = not();
            depth--;
            return new Node.Not(inner);
        }
        return primary();
    }

    private Node primary() {
        Token t = peek();
        if (t.is(Kind.LPAREN)) {
            next();
            enter(t);
            Node inner = or();
            expect(Kind.RPAREN, "a closing ) for the ( at column " + t.column());
            depth--;
            return inner;
        }
        if (!t.is(Kind.IDENT) || isKeyword(t)) {
            throw error(t, "expected a field such as task, priority or labels, found " + t.describe());
        }
        next();
        String word = t.text().toLowerCase(Locale.ROOT);
        switch (word) {
            case "true", "false" -> {
                return new Node.Const(word.equals("true"));
            }
            case "healthy", "unhealthy" -> {
                expect(Kind.LPAREN, "( after " + word + ", e.g. " + word + "(\"openai\")");
                String provider = name("a provider name, e.g. " + word + "(\"openai\")");
                expect(Kind.RPAREN, "a closing ) after the provider name");
                return new Node.Healthy(provider.toLowerCase(Locale.ROOT), word.equals("healthy"));
            }
            case "bucket" -> {
                return bucket();
            }
            default -> {
                Field field = Field.lookup(t.text()).orElseThrow(() -> error(t, "unknown field '" + t.text() + "'"
                        + suggestion(t.text(), Stream.concat(Field.NAMES.stream(), FUNCTIONS.stream()).toList())));
                return comparison(field, t);
            }
        }
    }

    private Node bucket() {
        expect(Kind.LPAREN, "( after bucket, e.g. bucket(\"experiment-1\") < 20");
        String salt = name("an experiment name, e.g. bucket(\"experiment-1\") < 20");
        expect(Kind.RPAREN, "a closing ) after the experiment name");
        Token op = peek();
        if (!op.is(Kind.OP)) {
            throw error(op, "compare bucket(...) with a percentage, e.g. bucket(\"" + salt + "\") < 20");
        }
        next();
        long value = integer(peek(), "bucket(...)");
        if (value > 100) {
            throw error(previous(), "a bucket is a percentage from 0 to 100");
        }
        return new Node.Bucket(salt, Node.Op.of(op.text()), value);
    }

    // ------------------------------------------------------------------ comparisons

    private Node comparison(Field field, Token fieldToken) {
        Token op = peek();
        String name = field.id();
        if (op.is(Kind.OP)) {
            next();
            Node.Op o = Node.Op.of(op.text());
            if (field.type == Field.Type.SET) {
                throw error(op, name + " is a set of labels: use contains, in or not in");
            }
            if (o.ordering() && !field.type.ordered()) {
                throw error(op, "'" + op.text() + "' does not apply to " + name + ": use ==, != or in"
                        + (field.type == Field.Type.STRING ? " or contains" : ""));
            }
            Token valueToken = peek();
            return switch (field.type) {
                case NUMBER -> new Node.CompareNumber(field, o, number(valueToken, name));
                case STRING -> new Node.StringEquals(field, text(valueToken, name), o == Node.Op.NE);
                default -> new Node.CompareInt(field, o, integerOf(field, valueToken));
            };
        }
        if (op.isWord("in")) {
            next();
            return list(field, false);
        }
        if (op.isWord("not")) {
            next();
            if (!peek().isWord("in")) {
                throw error(peek(), "expected 'in' after '" + name + " not'");
            }
            next();
            return list(field, true);
        }
        if (op.isWord("contains")) {
            next();
            return switch (field.type) {
                case SET -> new Node.LabelsContain(text(peek(), name));
                case STRING -> new Node.StringContains(field, text(peek(), name));
                default -> throw error(op, "'contains' applies to labels, user, team, space and profile, not to "
                        + name);
            };
        }
        throw error(op, "expected an operator (" + OPERATORS + ") after " + fieldToken.text() + ", found "
                + op.describe());
    }

    private Node list(Field field, boolean negated) {
        Token open = peek();
        expect(Kind.LBRACKET, "[ to start a list, e.g. " + field.id() + " in [a, b]");
        if (field.type == Field.Type.NUMBER) {
            throw error(open, "complexityScore is a number between 0 and 1: compare it with < or >");
        }
        List<Token> values = new ArrayList<>();
        if (peek().is(Kind.RBRACKET)) {
            throw error(peek(), "a list needs at least one value");
        }
        while (true) {
            values.add(peek());
            if (values.size() > MAX_LIST) {
                throw error(peek(), "a list holds at most " + MAX_LIST + " values");
            }
            switch (field.type) {
                case STRING, SET -> text(peek(), field.id());
                default -> integerOf(field, peek());
            }
            if (peek().is(Kind.COMMA)) {
                next();
            } else {
                expect(Kind.RBRACKET, "',' or ']' in the list");
                break;
            }
        }
        return switch (field.type) {
            case STRING -> new Node.InStrings(field, values.stream().map(Token::text).toArray(String[]::new),
                    negated);
            case SET -> new Node.LabelsAny(values.stream().map(Token::text).toArray(String[]::new), negated);
            case INT -> new Node.InInts(field, values.stream().mapToLong(v -> Long.parseLong(v.text())).toArray(),
                    negated);
            default -> {
                long mask = 0;
                for (Token v : values) {
                    mask |= 1L << ordinal(field, v);
                }
                yield new Node.InOrdinals(field, mask, negated);
            }
        };
    }

    // ------------------------------------------------------------------ values

    /** A whole number or an ordinal, checked against the field; consumes the token. */
    private long integerOf(Field field, Token t) {
        if (field.type != Field.Type.INT) {
            next();
            return ordinal(field, t);
        }
        long v = integer(t, field.id());
        if (field == Field.HOUR && v > 23) {
            throw error(t, "hour is from 0 to 23");
        }
        return v;
    }

    private long integer(Token t, String what) {
        if (!t.is(Kind.NUMBER)) {
            throw error(t, what + " is compared with a whole number" + (t.is(Kind.STRING) ? " without quotes" : "")
                    + ", found " + t.describe());
        }
        if (t.text().contains(".")) {
            throw error(t, what + " is compared with a whole number, found " + t.text());
        }
        next();
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw error(t, "the number " + t.text() + " is too large");
        }
    }

    private double number(Token t, String what) {
        if (!t.is(Kind.NUMBER)) {
            throw error(t, what + " is compared with a number, found " + t.describe());
        }
        next();
        double v = Double.parseDouble(t.text());
        if (v > 1) {
            throw error(t, what + " is between 0 and 1");
        }
        return v;
    }

    private String text(Token t, String what) {
        if (!t.is(Kind.STRING) && !(t.is(Kind.IDENT) && !isKeyword(t))) {
            throw error(t, what + " is compared with a quoted string, found " + t.describe());
        }
        next();
        return t.text();
    }

    /** The position of an enum-like value (task label, complexity, weekday), or an error naming the choices. */
    private static int ordinal(Field field, Token t) {
        if (!t.is(Kind.IDENT) && !t.is(Kind.STRING)) {
            throw error(t, "expected a " + field.id() + " value, found " + t.describe());
        }
        String v = t.text().trim().toLowerCase(Locale.ROOT);
        switch (field.type) {
            case TASK -> {
                return TaskLabel.fromId(v).orElseThrow(() -> error(t, "unknown task label '" + t.text() + "'"
                        + suggestion(v, ids(TaskLabel.values()), "task labels: "))).ordinal();
            }
            case COMPLEXITY -> {
                return Arrays.stream(Complexity.values()).filter(c -> c.id().equals(v)).findFirst()
                        .orElseThrow(() -> error(t, "unknown complexity '" + t.text() + "'"
                                + suggestion(v, ids(Complexity.values()), "use "))).ordinal();
            }
            case WEEKDAY -> {
                int i = WEEKDAYS.indexOf(v);
                if (i < 0) {
                    i = WEEKDAY_NAMES.indexOf(v);
                }
                if (i < 0) {
                    throw error(t, "unknown weekday '" + t.text() + "': use mon, tue, wed, thu, fri, sat or sun");
                }
                return i;
            }
            default -> throw new IllegalStateException(field.toString());
        }
    }

    private String name(String expected) {
        Token t = peek();
        if (!t.is(Kind.STRING) && !t.is(Kind.IDENT) || t.text().isBlank()) {
            throw error(t, "expected " + expected + ", found " + t.describe());
        }
        next();
        return t.text().trim();
    }

    // ------------------------------------------------------------------ plumbing

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (!t.is(Kind.END)) {
            pos++;
        }
        return t;
    }

    private Token previous() {
        return tokens.get(Math.max(0, pos - 1));
    }

    private void expect(Kind kind, String what) {
        Token t = peek();
        if (!t.is(kind)) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        next();
    }

    private void enter(Token t) {
        if (++depth > MAX_DEPTH) {
            throw error(t, "conditions nest at most " + MAX_DEPTH + " levels deep");
        }
    }

    private static boolean isKeyword(Token t) {
        return t.isWord("and") || t.isWord("or") || t.isWord("not") || t.isWord("in") || t.isWord("contains");
    }

    private static RuleException error(Token t, String message) {
        return new RuleException("condition", t.column(), message);
    }

    private static List<String> ids(TaskLabel[] values) {
        return Arrays.stream(values).map(TaskLabel::id).toList();
    }

    private static List<String> ids(Complexity[] values) {
        return Arrays.stream(values).map(Complexity::id).toList();
    }

    private static String suggestion(String wrong, List<String> choices) {
        String best = closest(wrong, choices);
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static String suggestion(String wrong, List<String> choices, String listIntro) {
        String best = closest(wrong, choices);
        return best != null ? " (did you mean '" + best + "'?)" : " (" + listIntro + String.join(", ", choices) + ")";
    }

    /** The choice within a small edit distance of {@code wrong}, if any. */
    static String closest(String wrong, List<String> choices) {
        String w = wrong.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : choices) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = w.length() <= 3 ? 1 : w.length() <= 6 ? 2 : 3;
        return bestDistance <= allowed ? best : null;
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3 || a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
