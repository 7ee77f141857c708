package dev.routewise.gateway;

import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.SourceRef;
import dev.routewise.discovery.client.FakeProvider;
import dev.routewise.routing.RoutingTestCatalog;
import dev.routewise.support.ApiClient;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.util.List;

/**
 * Two OpenAI-compatible providers on loopback and a router profile whose pool holds only their models: the first
 * model of the chain answers 500, the second answers with usage. A call through the profile so falls back once, and
 * the console has real gateway records to show; a second profile holds only the failing model. For view and browser
 * tests.
 */
public final class StubProviders implements AutoCloseable {

    public static final String ANSWER = "Hello from the stub provider";
    private static final String COMPLETION = """
            {"id":"chatcmpl-stub","object":"chat.completion","created":1700000000,"model":"upstream-name",
             "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}""".formatted(ANSWER);

    private final ApplicationContext context;
    private final ApiClient api;
    private final FakeProvider broken;
    private final FakeProvider healthy;
    private final SourceRef failing;
    private final SourceRef answering;
    private final String profile;
    private final String failingProfile;

    /** Starts the providers and adds their sources and a profile {@code <prefix>-pool} over them. */
    public StubProviders(ApplicationContext context, int port, String prefix) {
        this.context = context;
        this.api = new ApiClient(port);
        this.broken = new FakeProvider().on("/v1/chat/completions",
                FakeProvider.json(500, "{\"error\":{\"message\":\"overloaded\"}}"));
        this.healthy = new FakeProvider().on("/v1/chat/completions", FakeProvider.json(COMPLETION));
        this.failing = source(prefix + "-a", broken, "model-one");
        this.answering = source(prefix + "-b", healthy, "model-two");
        this.profile = prefix + "-pool";
        this.failingProfile = prefix + "-failing";
        // two models that score the same are chosen in id order: the failing one first, the answering one next
        createProfile(profile, "Stub providers: one failing, one answering", failing.slug() + "/*\",\""
                + answering.slug() + "/*");
        createProfile(failingProfile, "The failing stub provider only", failing.slug() + "/*");
    }

    private void createProfile(String name, String description, String pool) {
        check(api.call("POST", "/api/v1/router/profiles", ApiClient.MASTER_KEY, "{\"name\":\"" + name
                + "\",\"description\":\"" + description + "\",\"pool\":[\"" + pool + "\"]}"));
    }

    private SourceRef source(String prefix, FakeProvider provider, String model) {
        SourceRef s = RoutingTestCatalog.create(context, prefix, "openai-compatible", model);
        context.getBean(JdbcClient.class).sql("UPDATE model_source SET base_url = ? WHERE id = ?")
                .params(provider.root() + "/v1", s.id()).update();
        return s;
    }

    /** The profile to run: {@code router/<profile>}. */
    public String profile() {
        return profile;
    }

    /** A profile whose only model fails: every call ends in a 502. */
    public String failingProfile() {
        return failingProfile;
    }

    public String failingModel() {
        return failing.slug() + "/model-one";
    }

    public String answeringModel() {
        return answering.slug() + "/model-two";
    }

    /**
     * Prices both models the same, in USD per million tokens, as an operator would in the Models view (the same
     * price keeps the order of the chain).
     */
    public void price(String inputPerMTok, String outputPerMTok) {
        for (String model : List.of(failingModel(), answeringModel())) {
            long rowId = context.getBean(CatalogService.class).byId(model).orElseThrow().rowId();
            check(api.call("PATCH", "/api/v1/models/" + rowId, ApiClient.MASTER_KEY, "{\"inputPricePerMTok\":"
                    + inputPerMTok + ",\"outputPricePerMTok\":" + outputPerMTok + "}"));
        }
    }

    /** From now on the answering model calls a tool {@code get_weather} for Oslo instead of answering in text. */
    public void answerWithToolCall() {
        healthy.on("/v1/chat/completions", FakeProvider.json("""
                {"id":"chatcmpl-tool","object":"chat.completion","created":1700000000,"model":"upstream-name",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1",
                   "type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
                   "finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":20,"completion_tokens":8,"total_tokens":28}}"""));
    }

    /** Sends a chat completion through the profile as a client would, with the master key; answers its decision id. */
    public String complete() {
        HttpResponse<String> r = api.post("/v1/chat/completions", "{\"model\":\"router/" + profile
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}");
        return r.headers().firstValue("x-routewise-decision-id").orElseThrow(() -> new IllegalStateException(
                "The gateway answered " + r.statusCode() + " without a decision: " + r.body()));
    }

    private static void check(HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("Setting up the stub providers failed: " + r.statusCode() + " "
                    + r.body());
        }
    }

    @Override
    public void close() {
        // a cascade outlives its profile, and would apply again to the next profile of the same name
        for (String p : List.of(profile, failingProfile)) {
            api.call("PUT", "/api/v1/gateway/cascades/" + p, ApiClient.MASTER_KEY, "{\"enabled\":false}");
        }
        api.call("DELETE", "/api/v1/router/profiles/" + profile, ApiClient.MASTER_KEY, null);
        api.call("DELETE", "/api/v1/router/profiles/" + failingProfile, ApiClient.MASTER_KEY, null);
        for (String model : List.of(failingModel(), answeringModel())) {
            api.call("DELETE", "/api/v1/gateway/limits/" + model, ApiClient.MASTER_KEY, null);
        }
        api.call("DELETE", "/api/v1/sources/" + failing.id(), ApiClient.MASTER_KEY, null);
        api.call("DELETE", "/api/v1/sources/" + answering.id(), ApiClient.MASTER_KEY, null);
        broken.close();
        healthy.close();
    }
}
