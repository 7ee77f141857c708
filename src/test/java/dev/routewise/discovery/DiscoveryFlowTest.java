package dev.routewise.discovery;

import dev.routewise.catalog.CatalogModel;
import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.ModelFilter;
import dev.routewise.discovery.client.FakeProvider;
import dev.routewise.discovery.client.Payloads;
import dev.routewise.security.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sources discovered end to end against a local server that speaks each provider's API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DiscoveryFlowTest {

    @Autowired
    SourceService sources;
    @Autowired
    DiscoveryService discovery;
    @Autowired
    CatalogService catalog;
    @Autowired
    JdbcClient jdbc;

    FakeProvider provider;

    @BeforeEach
    void setUp() {
        provider = new FakeProvider();
        SecurityContextHolder.getContext().setAuthentication(TestUsers.asAdmin());
    }

    @AfterEach
    void tearDown() {
        provider.close();
        SecurityContextHolder.clearContext();
    }

    private ModelSource create(String type, String baseUrl, String key) {
        return sources.create(new SourceInput("src-" + System.nanoTime(), type, baseUrl, key, null, true, null,
                Map.of("X-Team", "routing")));
    }

    /** A new source is discovered in the background; waits for that first run. */
    private DiscoveryRun firstRun(ModelSource source) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !discovery.history(source.id(), 1).isEmpty()
                && !discovery.history(source.id(), 1).getFirst().running());
        return discovery.history(source.id(), 1).getFirst();
    }

    private List<CatalogModel> models(ModelSource source) {
        return catalog.find(new ModelFilter(Set.of(source.slug()), null, null, null, null, null, false, null, null),
                List.of(), 0, 1000);
    }

    private long modelRows(long sourceId) {
        return jdbc.sql("SELECT count(*) FROM catalog_model WHERE source_id = ?").param(sourceId)
                .query(Long.class).single();
    }

    @Test
    void adding_an_openrouter_source_discovers_its_321_models_with_prices() {
        provider.on("/api/v1/models", FakeProvider.json(Payloads.text("openrouter.json")));

        ModelSource source = create("openrouter", provider.root() + "/api/v1", null);
        DiscoveryRun run = firstRun(source);

        assertThat(run.status()).isEqualTo("ok");
        assertThat(run.trigger()).isEqualTo("created");
        assertThat(run.listed()).isEqualTo(321);
        // two of the three static fallbacks are in the real list: they become discovered rows
        assertThat(run.added()).isEqualTo(319);
        assertThat(run.updated()).isEqualTo(2);
        assertThat(run.removed()).isEqualTo(1);
        assertThat(models(source)).hasSize(321).extracting(CatalogModel::origin).containsOnly("discovered");
        CatalogModel opus = models(source).stream().filter(m -> m.modelId().equals("anthropic/claude-opus-4"))
                .findFirst().orElseThrow();
        assertThat(opus.inputPricePerMTok()).isEqualByComparingTo("15");
        assertThat(opus.outputPricePerMTok()).isEqualByComparingTo("75");
        assertThat(opus.priceOrigin()).isEqualTo("provider");
        assertThat(opus.contextTokens()).isEqualTo(200_000);
        assertThat(models(source)).filteredOn(m -> m.modelId().equals("openrouter/auto")).singleElement()
                .satisfies(auto -> assertThat(auto.priced()).isFalse());
        assertThat(provider.requests("/api/v1/models").getFirst().header("X-Team")).isEqualTo("routing");
    }

    @Test
    void an_anthropic_source_sends_its_key_and_is_enriched_from_the_price_catalog() {
        provider.on("/v1/models", FakeProvider.json(Payloads.text("anthropic.json")));

        ModelSource source = create("anthropic", provider.root() + "/v1", "sk-ant-test-key-123456");
        DiscoveryRun run = firstRun(source);

        assertThat(run.ok()).isTrue();
        assertThat(provider.requests("/v1/models").getFirst().header("x-api-key")).isEqualTo("sk-ant-test-key-123456");
        CatalogModel sonnet = models(source).stream()
                .filter(m -> m.modelId().equals("claude-sonnet-4-5-20250929")).findFirst().orElseThrow();
        assertThat(sonnet.displayName()).isEqualTo("Claude Sonnet 4.5");
        assertThat(sonnet.priceOrigin()).isEqualTo("catalog");
        assertThat(sonnet.inputPricePerMTok()).isEqualByComparingTo("3");
        assertThat(sonnet.contextTokens()).isEqualTo(200_000);
        assertThat(source.apiKeyHint()).isEqualTo("sk-…3456");
        assertThat(jdbc.sql("SELECT api_key_cipher FROM model_source WHERE id = ?").param(source.id())
                .query(String.class).single()).doesNotContain("sk-ant");
    }

    @Test
    void while_a_provider_fails_from_the_start_its_static_fallbacks_stay_in_the_catalog() {
        provider.on("/v1/models", FakeProvider.json(500, "{\"error\":{\"message\":\"overloaded\"}}"));

        ModelSource source = create("anthropic", provider.root() + "/v1", "sk-ant-test-key-123456");
        DiscoveryRun run = firstRun(source);

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.error()).contains("500").contains("overloaded");
        assertThat(models(source)).extracting(CatalogModel::origin).containsOnly("fallback");
        assertThat(models(source)).extracting(CatalogModel::modelId).contains("claude-sonnet-4-5-20250929");
        assertThat(sources.get(source.id()).usingFallbacks()).isTrue();
    }

    static Stream<Arguments> brokenAnswers() {
        return Stream.of(
                Arguments.of("500 every time", FakeProvider.json(500, "{\"error\":{\"message\":\"boom\"}}"), "500"),
                Arguments.of("429 asking for too long a wait", FakeProvider.raw(429, "application/json",
                        "{\"error\":{\"message\":\"slow down\"}}", Map.of("Retry-After", "600")), "429"),
                Arguments.of("a timeout", FakeProvider.stalls(Duration.ofSeconds(5)), "did not answer within"),
                Arguments.of("truncated JSON", FakeProvider.json("{\"object\":\"list\",\"data\":[{\"id\":\"gpt"),
                        "malformed JSON"),
                Arguments.of("an HTML error page", FakeProvider.raw(200, "text/html",
                        "<html><head><title>Gateway Error</title></head><body>oops</body></html>", Map.of()),
                        "not JSON"),
                Arguments.of("a 10 MB body", FakeProvider.huge(10L * 1024 * 1024, false), "MB"),
                Arguments.of("a wrong content type", FakeProvider.raw(200, "application/octet-stream",
                        "\u0000\u0001binary", Map.of()), "not JSON"),
                Arguments.of("JSON of the wrong shape", FakeProvider.json("{\"models\": 42}"), "data"));
    }

    @ParameterizedTest(name = "{0} leaves the catalog as it was")
    @MethodSource("brokenAnswers")
    void a_broken_answer_changes_nothing_and_the_run_says_why(String what, FakeProvider.Answer answer,
                                                             String errorMentions) {
        provider.on("/v1/models", FakeProvider.json(Payloads.text("openai.json")));
        ModelSource source = create("openai", provider.root() + "/v1", "sk-test-0123456789");
        assertThat(firstRun(source).ok()).isTrue();
        long before = modelRows(source.id());
        String snapshot = jdbc.sql("SELECT group_concat(model_id || status || coalesce(input_price, '-'), ',') "
                + "FROM (SELECT * FROM catalog_model WHERE source_id = ? ORDER BY id)").param(source.id())
                .query(String.class).single();

        provider.on("/v1/models", answer);
        DiscoveryRun run = discovery.discover(source.id());

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.error()).containsIgnoringCase(errorMentions).doesNotContain("sk-test-0123456789");
        assertThat(modelRows(source.id())).isEqualTo(before).isEqualTo(102);
        assertThat(jdbc.sql("SELECT group_concat(model_id || status || coalesce(input_price, '-'), ',') "
                + "FROM (SELECT * FROM catalog_model WHERE source_id = ? ORDER BY id)").param(source.id())
                .query(String.class).single()).isEqualTo(snapshot);
    }

    @Test
    void a_429_with_a_short_retry_after_is_waited_out() {
        provider.on("/v1/models", FakeProvider.json(Payloads.text("openai.json")));
        ModelSource source = create("openai", provider.root() + "/v1", "sk-test-0123456789");
        firstRun(source);
        provider.on("/v1/models", FakeProvider.raw(429, "application/json", "{}", Map.of("Retry-After", "1")),
                FakeProvider.json(Payloads.text("openai.json")));

        DiscoveryRun run = discovery.discover(source.id());

        assertThat(run.ok()).isTrue();
        assertThat(run.unchanged()).isEqualTo(102);
    }

    @Test
    void two_syncs_of_one_source_at_once_make_one_run() {
        provider.on("/v1/models", FakeProvider.json(Payloads.text("openai.json")));
        ModelSource source = create("openai", provider.root() + "/v1", "sk-test-0123456789");
        firstRun(source);
        int callsBefore = provider.requests("/v1/models").size();
        provider.on("/v1/models", FakeProvider.slow(Duration.ofMillis(700),
                FakeProvider.json(Payloads.text("openai.json"))));

        CompletableFuture<DiscoveryRun> first = discovery.discoverInBackground(source.id());
        CompletableFuture<DiscoveryRun> second = discovery.discoverInBackground(source.id());

        assertThat(first.join().id()).isEqualTo(second.join().id());
        assertThat(provider.requests("/v1/models").size() - callsBefore).isEqualTo(1);
    }

    @Test
    void changing_the_key_rediscovers_and_a_provider_dropping_a_model_marks_it_missing() {
        provider.on("/v1/models", FakeProvider.json(Payloads.text("xai.json")));
        ModelSource source = create("openai-compatible", provider.root() + "/v1", "xai-key-0123456789");
        firstRun(source);
        provider.on("/v1/models", FakeProvider.json("{\"object\":\"list\",\"data\":[{\"id\":\"grok-4-0709\"}]}"));

        sources.update(source.id(), new SourceInput(null, null, null, "xai-key-new-0123456789", null, null, null,
                null));
        await().atMost(Duration.ofSeconds(20)).until(() -> discovery.history(source.id(), 5).size() == 2
                && !discovery.history(source.id(), 1).getFirst().running());

        DiscoveryRun second = discovery.history(source.id(), 1).getFirst();
        assertThat(second.trigger()).isEqualTo("changed");
        assertThat(second.removed()).isEqualTo(7);
        assertThat(models(source)).filteredOn(m -> "missing".equals(m.status())).hasSize(7);
        assertThat(provider.requests("/v1/models").getLast().header("Authorization"))
                .isEqualTo("Bearer xai-key-new-0123456789");
    }
}
