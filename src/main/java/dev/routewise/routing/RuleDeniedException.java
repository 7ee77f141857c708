package dev.routewise.routing;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A deny rule refused the request: 403 problem+json titled "Denied by rule", with the rule's message and name. */
public class RuleDeniedException extends ErrorResponseException {

    private final String rule;
    private final String denial;

    RuleDeniedException(String decisionId, String rule, String message) {
        super(HttpStatus.FORBIDDEN, problem(decisionId, rule, message), null);
        this.rule = rule;
        this.denial = message;
    }

    private static ProblemDetail problem(String decisionId, String rule, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                message + " (rule '" + rule + "')");
        problem.setTitle("Denied by rule");
        problem.setProperty("rule", rule);
        problem.setProperty("decisionId", decisionId);
        return problem;
    }

    /** The name of the deny rule. */
    public String rule() {
        return rule;
    }

    /** The rule's message, for callers to show. */
    public String denial() {
        return denial;
    }

    @Override
    public String getMessage() {
        return denial + " (rule '" + rule + "')";
    }
}
