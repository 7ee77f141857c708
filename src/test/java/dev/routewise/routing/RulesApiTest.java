package dev.routewise.routing;

import dev.routewise.base.InvalidInputException;
import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.SourceRef;
import dev.routewise.security.ApiKeyService;
import dev.routewise.security.Role;
import dev.routewise.security.TestUsers;
import dev.routewise.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RulesApiTest {

    static final String RULES = "/api/v1/router/rules";

    @LocalServerPort
    int port;
    @Autowired
    CatalogService catalog;
    @Autowired
    RoutableModels routable;
    @Autowired
    ApiKeyService keys;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RuleService rules;

    final JsonMapper json = JsonMapper.builder().build();
    ApiClient api;
    SourceRef source;

    @BeforeEach
    void catalog() {
        api = new ApiClient(port);
        source = RoutingTestCatalog.create(jdbc, catalog, routable, "rules", "openai", "gpt-4o-mini", "gpt-4o", "o3");
    }

    @AfterEach
    void noRulesLeft() {
        SecurityContextHolder.getContext().setAuthentication(TestUsers.asAdmin());
        try {
            rules.replaceAll(List.of(), "UTC");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private JsonNode read(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private long create(String name, String condition, String action, String value) {
        HttpResponse<String> created = api.post(RULES, "{\"name\":\"" + name + "\",\"condition\":" + quote(condition)
                + ",\"action\":\"" + action + "\",\"value\":" + quote(value) + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created).get("id").asLong();
    }

    private String quote(String s) {
        return json.writeValueAsString(s);
    }

    private HttpResponse<String> route(String prompt, String context) {
        return api.post("/api/v1/route", "{\"prompt\":" + quote(prompt) + ",\"task\":\"code\",\"constraints\":"
                + "{\"allowedModels\":[\"" + source.slug() + "/*\"]},\"context\":" + context + "}");
    }

    @Test
    void rules_are_created_listed_updated_reordered_and_deleted_with_an_audit_trail() {
        long first = create("docs-cheap", "labels contains docs", "use_model", source.slug() + "/gpt-4o-mini");
        long second = create("no-o3", "task == code", "exclude_models", "*/o3");

        HttpResponse<String> updated = api.call("PUT", RULES + "/" + second, ApiClient.MASTER_KEY,
                "{\"name\":\"no-o3\",\"description\":\"o3 is slow\",\"enabled\":false,\"condition\":"
                        + "\"task in [code, debugging]\",\"action\":\"exclude_models\",\"value\":\"*/o3, */o1\"}");
        HttpResponse<String> reordered = api.call("PUT", RULES + "/order", ApiClient.MASTER_KEY,
                "{\"ids\":[" + second + "," + first + "]}");

        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(read(updated).get("value").asString()).isEqualTo("*/o3, */o1");
        assertThat(read(updated).get("enabled").asBoolean()).isFalse();
        assertThat(reordered.statusCode()).isEqualTo(200);
        JsonNode list = read(api.get(RULES));
        assertThat(list.get("timeZone").asString()).isEqualTo("UTC");
        assertThat(list.get("rules").valueStream().map(r -> r.get("name").asString()).toList())
                .containsExactly("no-o3", "docs-cheap");
        assertThat(list.get("rules").get(0).get("position").asInt()).isEqualTo(1);

        assertThat(api.call("DELETE", RULES + "/" + second, ApiClient.MASTER_KEY, null).statusCode()).isEqualTo(204);
        assertThat(read(api.get(RULES)).get("rules").valueStream().map(r -> r.get("name").asString()).toList())
                .containsExactly("docs-cheap");
        assertThat(api.call("DELETE", RULES + "/" + second, ApiClient.MASTER_KEY, null).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/audit?action=RULES_CHANGED").body())
                .contains("no-o3 (disabled): if task in [code, debugging] -> exclude_models */o3, */o1")
                .contains("before: docs-cheap, no-o3; after: no-o3, docs-cheap")
                .contains("before: #1 no-o3 (disabled): if task in [code, debugging] -> exclude_models */o3, */o1; "
                        + "after: (none)");
    }

    @Test
    void a_bad_condition_is_refused_with_the_field_and_the_column_of_the_problem() {
        HttpResponse<String> bad = api.post(RULES, "{\"name\":\"typo\",\"condition\":\"task == code and tokns > 5\","
                + "\"action\":\"deny\",\"value\":\"no\"}");
        HttpResponse<String> validated = api.post(RULES + "/validate",
                "{\"condition\":\"hour >= 22 or weekday == caturday\",\"action\":\"use_profile\",\"value\":\"eco\"}");
        HttpResponse<String> badAction = api.post(RULES + "/validate",
                "{\"condition\":\"true\",\"action\":\"use_profile\",\"value\":\"turbo\"}");
        HttpResponse<String> good = api.post(RULES + "/validate",
                "{\"condition\":\"bucket('grok') < 10\",\"action\":\"use_model\",\"value\":\"x/grok-2\"}");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"condition\"")
                .contains("column 18: unknown field 'tokns' (did you mean 'tokens'?)");
        assertThat(validated.statusCode()).isEqualTo(200);
        assertThat(read(validated).get("valid").asBoolean()).isFalse();
        assertThat(read(validated).get("column").asInt()).isEqualTo(26);
        assertThat(read(validated).get("error").asString()).contains("unknown weekday 'caturday'");
        assertThat(read(badAction).get("field").asString()).isEqualTo("value");
        assertThat(read(good).get("valid").asBoolean()).isTrue();
        assertThat(read(api.get(RULES)).get("rules")).isEmpty();
    }

    @Test
    void a_deny_rule_refuses_a_gateway_request_with_an_openai_error() {
        create("gateway-closed", "team == interns and labels in [night]", "deny",
                "The gateway is closed for maintenance");

        // an OpenAI client adds headers, not fields, for what rules test
        HttpResponse<String> denied = api.call("POST", "/v1/chat/completions", ApiClient.MASTER_KEY,
                "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}",
                "x-routewise-team", "interns", "x-routewise-labels", "day, night");

        assertThat(denied.statusCode()).isEqualTo(403);
        JsonNode error = read(denied).get("error");
        assertThat(error.get("code").asString()).isEqualTo("denied_by_rule");
        assertThat(error.get("message").asString()).contains("closed for maintenance").contains("gateway-closed");
    }

    @Test
    void deny_rule_refuses_the_request_with_its_message() {
        create("block-interns", "team == interns and complexity >= simple", "deny",
                "Interns may not call premium models");

        HttpResponse<String> denied = route("Write a Go function that reverses a slice.", "{\"team\":\"interns\"}");
        HttpResponse<String> allowed = route("Write a Go function that reverses a slice.", "{\"team\":\"core\"}");

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        JsonNode problem = read(denied);
        assertThat(problem.get("title").asString()).isEqualTo("Denied by rule");
        assertThat(problem.get("detail").asString()).contains("Interns may not call premium models")
                .contains("block-interns");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(read(allowed).get("rule").isNull()).isTrue();
        String decisionId = problem.get("decisionId").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT rule FROM routing_decision WHERE decision_id = ?").param(decisionId).query(String.class)
                .optional().isPresent());
        assertThat(jdbc.sql("SELECT rule FROM routing_decision WHERE decision_id = ?").param(decisionId)
                .query(String.class).single()).isEqualTo("rule:block-interns");
    }

    @Test
    void use_model_rule_names_itself_in_rule_and_reasons() {
        String mini = source.slug() + "/gpt-4o-mini";
        create("vip-mini", "user == 'vip' and priority <= 1", "use_model", mini);

        JsonNode routed = read(route("Write a Go function that reverses a slice.",
                "{\"user\":\"vip\",\"priority\":0}"));

        assertThat(routed.get("model").get("id").asString()).isEqualTo(mini);
        assertThat(routed.get("rule").asString()).isEqualTo("rule:vip-mini");
        assertThat(routed.get("reasons").get(0).asString()).isEqualTo(
                "rule 'vip-mini' matched: user == 'vip' and priority <= 1 -> use_model " + mini);
    }

    @Test
    void use_model_of_an_excluded_model_leaves_the_engine_choice_and_says_why() {
        String o3 = source.slug() + "/o3";
        create("force-o3", "task == code", "use_model", o3);

        JsonNode routed = read(api.post("/api/v1/route", "{\"prompt\":\"Write a Go function.\",\"task\":\"code\","
                + "\"constraints\":{\"allowedModels\":[\"" + source.slug() + "/*\"],\"excludedModels\":[\"" + o3
                + "\"]}}"));

        assertThat(routed.get("model").get("id").asString()).startsWith(source.slug()).isNotEqualTo(o3);
        assertThat(routed.get("rule").asString()).isEqualTo("rule:force-o3");
        assertThat(routed.get("reasons").valueStream().map(JsonNode::asString).toList())
                .anySatisfy(r -> assertThat(r).contains(o3).contains("ignored").contains("excludedModels"));
    }

    @Test
    void exclude_and_profile_rules_shape_the_choice_and_name_themselves() {
        create("no-big", "labels contains cheap", "exclude_models", "*/gpt-4o, */o3");
        create("cheap-eco", "labels contains cheap", "use_profile", "eco");

        JsonNode routed = read(route("Explain what a closure is in JavaScript.", "{\"labels\":[\"cheap\"]}"));

        assertThat(routed.get("model").get("id").asString()).isEqualTo(source.slug() + "/gpt-4o-mini");
        assertThat(routed.get("profile").asString()).isEqualTo("eco");
        assertThat(routed.get("rule").asString()).isEqualTo("rule:cheap-eco");
        assertThat(routed.get("reasons").get(0).asString()).startsWith("rule 'no-big' matched");
        assertThat(routed.get("candidates").valueStream()
                .filter(c -> c.get("model").asString().equals(source.slug() + "/o3")).findFirst().orElseThrow()
                .get("excludedBecause").asString()).contains("excludedModels");
    }

    @Test
    void the_test_endpoint_shows_which_rules_match_a_sample_at_a_given_time() {
        create("weekend-eco", "weekday in [sat, sun]", "use_profile", "eco");
        create("night-deny", "hour >= 22", "deny", "closed at night");
        api.call("PUT", RULES + "/time-zone", ApiClient.MASTER_KEY, "{\"timeZone\":\"Europe/Berlin\"}");

        JsonNode fridayNight = read(api.post(RULES + "/test", "{\"task\":\"code\",\"time\":\"2025-06-06T22:30\"}"));
        JsonNode saturday = read(api.post(RULES + "/test", "{\"time\":\"2025-06-07T08:00:00Z\"}"));
        JsonNode draft = read(api.post(RULES + "/test", "{\"time\":\"2025-06-07T08:00:00Z\",\"rules\":[{\"name\":"
                + "\"only\",\"condition\":\"hour == 10\",\"action\":\"add_models\",\"value\":\"anthropic/*\"}]}"));

        assertThat(fridayNight.get("localTime").asString()).isEqualTo("Fri 2025-06-06 22:30");
        assertThat(fridayNight.get("matched").valueStream().map(JsonNode::asString).toList())
                .containsExactly("night-deny");
        assertThat(fridayNight.get("action").asString()).isEqualTo("deny");
        assertThat(fridayNight.get("outcome").asString()).contains("closed at night");
        assertThat(saturday.get("action").asString()).isEqualTo("use_profile");
        assertThat(saturday.get("value").asString()).isEqualTo("eco");
        assertThat(saturday.get("rules").get(1).get("matches").asBoolean()).isFalse();
        assertThat(draft.get("allowedModels").get(0).asString()).isEqualTo("anthropic/*");
        assertThat(draft.get("rule").asString()).isEqualTo("rule:only");
        assertThat(read(api.get(RULES)).get("timeZone").asString()).isEqualTo("Europe/Berlin");
    }

    @Test
    void replacing_all_rules_validates_every_one_first_and_a_bad_one_changes_nothing() {
        create("keep-me", "true", "exclude_models", "*/o3");
        SecurityContextHolder.getContext().setAuthentication(TestUsers.asAdmin());
        try {
            List<RuleService.RuleDraft> drafts = List.of(
                    new RuleService.RuleDraft("a", null, true, "task == code", "use_profile", "eco"),
                    new RuleService.RuleDraft("b", null, true, "hour > 25", "use_profile", "eco"));
            assertThatThrownBy(() -> rules.replaceAll(drafts, "Europe/Paris"))
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("rules[1].condition"))
                    .hasMessageContaining("column 8: hour is from 0 to 23");
            assertThat(rules.list().rules()).extracting(RuleService.RoutingRule::name).containsExactly("keep-me");
            assertThat(rules.list().timeZone()).isEqualTo("UTC");

            rules.replaceAll(List.of(drafts.getFirst(), new RuleService.RuleDraft("c", "", false, "true", "deny",
                    "off")), "Europe/Paris");
            assertThat(rules.list().rules()).extracting(RuleService.RoutingRule::name).containsExactly("a", "c");
            assertThat(rules.snapshot().zone().getId()).isEqualTo("Europe/Paris");
            assertThat(rules.snapshot().rules().get(1).enabled()).isFalse();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void viewers_read_rules_but_only_operators_change_them() {
        String viewer = TestUsers.apiKey(keys, Role.VIEWER);
        String operator = TestUsers.apiKey(keys, Role.OPERATOR);
        String body = "{\"name\":\"x\",\"condition\":\"true\",\"action\":\"exclude_models\",\"value\":\"*/o3\"}";

        assertThat(api.call("GET", RULES, viewer, null).statusCode()).isEqualTo(200);
        assertThat(api.call("POST", RULES + "/validate", viewer, "{\"condition\":\"true\"}").statusCode())
                .isEqualTo(200);
        assertThat(api.call("POST", RULES, viewer, body).statusCode()).isEqualTo(403);
        assertThat(api.call("PUT", RULES + "/time-zone", viewer, "{\"timeZone\":\"UTC\"}").statusCode())
                .isEqualTo(403);
        assertThat(api.call("POST", RULES, operator, body).statusCode()).isEqualTo(201);
        assertThat(api.call("PUT", RULES + "/time-zone", operator, "{\"timeZone\":\"Mars/Olympus\"}").body())
                .contains("\"field\":\"timeZone\"");
        assertThat(api.call("PUT", RULES + "/order", operator, "{\"ids\":[1,2,3]}").body())
                .contains("\"field\":\"ids\"");
    }
}
