package dev.routewise.routing.rules;

/**
 * A rule that cannot be compiled: names the part at fault ({@code name}, {@code condition}, {@code action} or
 * {@code value}) and, for conditions, the 1-based column of the problem.
 */
public class RuleException extends RuntimeException {

    private final String field;
    private final int column;
    private final String problem;

    public RuleException(String field, int column, String problem) {
        super(column > 0 ? "column " + column + ": " + problem : problem);
        this.field = field;
        this.column = column;
        this.problem = problem;
    }

    public static RuleException of(String field, String problem) {
        return new RuleException(field, 0, problem);
    }

    public String field() {
        return field;
    }

    /** 1-based column in the condition, 0 when the problem is not about a position. */
    public int column() {
        return column;
    }

    /** The message without the column prefix. */
    public String problem() {
        return problem;
    }
}
