package dev.routewise.routing;

import dev.routewise.base.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** Routing rules over REST: {@code /api/v1/router/rules} (docs/rules.md). Roles are checked by the service. */
@RestController
@RequestMapping("/api/v1/router/rules")
class RulesApiController {

    record OrderBody(List<Long> ids) {
    }

    record TimeZoneBody(String timeZone) {
    }

    record EnabledBody(Boolean enabled) {
    }

    record ValidateBody(String condition, String action, String value) {
    }

    /**
     * A sample request to test rules with; {@code time} is an ISO instant ({@code 2025-06-07T20:30:00Z}) or a local
     * date-time in the rules' zone ({@code 2025-06-07T22:30}). {@code rules} (optional) tests unsaved rules
     * instead of the stored ones, in {@code timeZone} if given.
     */
    record TestBody(String task, String complexity, Double complexityScore, Integer tokens, Integer outputTokens,
                    Integer priority, List<String> labels, String user, String team, String space, String profile,
                    String sessionId, String time, List<RuleService.RuleDraft> rules, String timeZone) {
    }

    private final RuleService rules;

    RulesApiController(RuleService rules) {
        this.rules = rules;
    }

    @GetMapping
    RuleService.Rules list() {
        return rules.list();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RuleService.RoutingRule create(@RequestBody(required = false) RuleService.RuleDraft draft) {
        return rules.create(draft);
    }

    @PutMapping("/{id}")
    RuleService.RoutingRule update(@PathVariable long id, @RequestBody(required = false) RuleService.RuleDraft draft) {
        return rules.update(id, draft);
    }

    @PutMapping("/{id}/enabled")
    RuleService.RoutingRule enable(@PathVariable long id, @RequestBody(required = false) EnabledBody body) {
        if (body == null || body.enabled() == null) {
            throw new InvalidInputException("enabled", "Send {\"enabled\": true} or {\"enabled\": false}");
        }
        return rules.setEnabled(id, body.enabled());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        rules.delete(id);
    }

    @PutMapping("/order")
    RuleService.Rules order(@RequestBody(required = false) OrderBody body) {
        return rules.reorder(body == null ? null : body.ids());
    }

    @PutMapping("/time-zone")
    RuleService.Rules timeZone(@RequestBody(required = false) TimeZoneBody body) {
        return rules.setTimeZone(body == null ? null : body.timeZone());
    }

    @PostMapping("/validate")
    RuleService.Validation validate(@RequestBody(required = false) ValidateBody body) {
        return body == null ? rules.validate(null, null, null)
                : rules.validate(body.condition(), body.action(), body.value());
    }

    @PostMapping("/test")
    RuleService.TestResult test(@RequestBody(required = false) TestBody body) {
        if (body == null) {
            return rules.test(null);
        }
        ZoneId zone = zone(body.timeZone());
        RuleService.Sample sample = new RuleService.Sample(body.task(), body.complexity(), body.complexityScore(),
                body.tokens(), body.outputTokens(), body.priority(), body.labels(), body.user(), body.team(),
                body.space(), body.profile(), body.sessionId(), time(body.time(), zone));
        return body.rules() == null ? rules.test(sample) : rules.test(body.rules(), body.timeZone(), sample);
    }

    private ZoneId zone(String timeZone) {
        try {
            return timeZone == null || timeZone.isBlank() ? ZoneId.of(rules.list().timeZone()) : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidInputException("timeZone", "Unknown time zone '" + timeZone + "'");
        }
    }

    private static Instant time(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException ignored) {
            // not an instant: try an offset date-time, then a local one in the rules' zone
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException ignored) {
            // fall through
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidInputException("time", "Use an ISO date-time such as 2025-06-07T22:30 (in the rules' "
                    + "time zone) or 2025-06-07T20:30:00Z");
        }
    }
}
