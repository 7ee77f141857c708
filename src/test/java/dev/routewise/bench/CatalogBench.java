package dev.routewise.bench;

import dev.routewise.Application;
import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.DiscoveredModel;
import dev.routewise.catalog.ModelFilter;
import dev.routewise.catalog.ModelSort;
import dev.routewise.catalog.PriceCatalog;
import dev.routewise.catalog.SourceRef;
import dev.routewise.discovery.DiscoveryRun;
import dev.routewise.discovery.DiscoveryService;
import dev.routewise.discovery.ModelSource;
import dev.routewise.discovery.SourceEndpoint;
import dev.routewise.discovery.SourceInput;
import dev.routewise.discovery.SourceService;
import dev.routewise.discovery.SourceType;
import dev.routewise.discovery.client.DiscoveryHttp;
import dev.routewise.discovery.client.DiscoveryHttpSettings;
import dev.routewise.discovery.client.FakeProvider;
import dev.routewise.discovery.client.OpenRouterClient;
import dev.routewise.discovery.client.Payloads;
import dev.routewise.security.Role;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The catalog benchmark (issue 3): prints how long imports, a full sync of every fixture source
 * and the models grid's first page at 10,000 models take, against the targets.
 * Run: {@code ./mvnw -q test-compile exec:java@catalog-bench}. Uses a throw-away database.
 */
public final class CatalogBench {

    private static final int WARMUP = 3;
    private static final int RUNS = 10;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("routewise-bench");
        System.out.println("Routewise catalog benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.version") + "), database in " + dir);

        Path litellm = Path.of("..", "shared", "data", "catalogs", "litellm_model_prices.json");
        double parse = median(() -> {
            try (InputStream in = Files.newInputStream(litellm)) {
                return PriceCatalog.parse(in, "bench").size();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.printf("LiteLLM price catalog (2,595 entries) parse:          %8.1f ms%n", parse);

        try (FakeProvider provider = new FakeProvider()) {
            serveFixtures(provider);
            DiscoveryHttp http = new DiscoveryHttp(DiscoveryHttpSettings.defaults());
            OpenRouterClient openRouter = new OpenRouterClient(http);
            SourceEndpoint endpoint = new SourceEndpoint(SourceType.OPENROUTER, provider.root() + "/openrouter/v1",
                    null, Map.of());
            double fetch = median(() -> {
                try {
                    return openRouter.listModels(endpoint).size();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            System.out.printf("OpenRouter payload (321 models) fetch + parse:       %8.1f ms%n", fetch);

            ConfigurableApplicationContext app = new SpringApplication(Application.class).run(
                    "--server.port=0", "--routewise.db.path=" + dir.resolve("bench.db"),
                    "--routewise.secrets.key-file=" + dir.resolve("secret.key"),
                    "--routewise.discovery.on-startup=false", "--routewise.security.admin-password=bench-password",
                    "--logging.level.root=WARN", "--logging.level.dev.routewise=WARN");
            try {
                SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(
                        new User("admin", "n/a", Role.ADMIN.authorities()), null, Role.ADMIN.authorities()));
                bench(app, provider, openRouter, endpoint);
            } finally {
                app.close();
            }
        }
    }

    private static void bench(ConfigurableApplicationContext app, FakeProvider provider, OpenRouterClient openRouter,
                              SourceEndpoint endpoint) throws Exception {
        SourceService sources = app.getBean(SourceService.class);
        DiscoveryService discovery = app.getBean(DiscoveryService.class);
        CatalogService catalog = app.getBean(CatalogService.class);
        JdbcClient jdbc = app.getBean(JdbcClient.class);

        List<DiscoveredModel> listing = openRouter.listModels(endpoint);
        ModelSource target = sources.create(new SourceInput("Import target", "openrouter",
                "http://127.0.0.1:9/unused", null, null, false, null, null));
        SourceRef ref = new SourceRef(target.id(), target.slug(), "openrouter");
        long start = System.nanoTime();
        catalog.apply(ref, listing, null);
        double firstImport = ms(start);
        double reimport = median(() -> catalog.apply(ref, listing, null).listed());
        System.out.printf("OpenRouter import into the catalog, first time:      %8.1f ms (321 rows written)%n",
                firstImport);
        System.out.printf("OpenRouter re-import (unchanged):                     %8.1f ms%n", reimport);

        String root = provider.root();
        List<SourceInput> inputs = List.of(
                new SourceInput("OpenAI", "openai", root + "/openai/v1", "sk-bench-0123456789", null, true, null, null),
                new SourceInput("Anthropic", "anthropic", root + "/anthropic/v1", "sk-ant-bench-0123", null, true, null,
                        null),
                new SourceInput("Gemini", "google", root + "/gemini/v1beta", "gm-bench-0123456789", null, true, null,
                        null),
                new SourceInput("Groq", "groq", root + "/groq/v1", "gsk-bench-0123456789", null, true, null, null),
                new SourceInput("OpenRouter", "openrouter", root + "/openrouter/v1", null, null, true, null, null),
                new SourceInput("Vercel", "vercel", root + "/vercel/v1", "vk-bench-0123456789", null, true, null, null),
                new SourceInput("Ollama", "ollama", root + "/ollama", null, null, true, null, null),
                new SourceInput("DeepSeek", "openai-compatible", root + "/deepseek/v1", "sk-ds-0123456789", null, true,
                        null, null),
                new SourceInput("xAI", "openai-compatible", root + "/xai/v1", "xai-0123456789", null, true, null, null),
                new SourceInput("llama.cpp", "openai-compatible", root + "/llamacpp/v1", null, null, true, null, null));
        for (SourceInput input : inputs) {
            ModelSource created = sources.create(input);
            // wait for the discovery a new source starts, so the timed runs below are alone
            while (discovery.isRunning(created.id()) || discovery.history(created.id(), 1).isEmpty()) {
                Thread.onSpinWait();
            }
        }
        sources.update(target.id(), new SourceInput(null, null, null, null, null, false, null, null));
        List<Double> syncs = new ArrayList<>();
        int models = 0;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            List<DiscoveryRun> runs = discovery.discoverAll();
            syncs.add(ms(t));
            if (runs.stream().anyMatch(r -> !r.ok())) {
                throw new IllegalStateException("a fixture sync failed: " + runs);
            }
            models = runs.stream().mapToInt(r -> r.listed() == null ? 0 : r.listed()).sum();
        }
        double sync = median(syncs);
        System.out.printf("Full sync of all %d fixture sources (%d models):     %8.1f ms   target < 2000 ms: %s%n",
                inputs.size(), models, sync, sync < 2000 ? "met" : "MISSED");

        // 10,000 models: synthetic rows in this throw-away database only, to measure the grid query
        long existing = jdbc.sql("SELECT count(*) FROM catalog_model").query(Long.class).single();
        List<DiscoveredModel> synthetic = new ArrayList<>();
        for (long i = existing; i < 10_000; i++) {
            synthetic.add(new DiscoveredModel("bench/model-" + i, "Bench model " + i, 8192 + (int) (i % 100) * 1024,
                    4096, BigDecimal.valueOf(i % 50, 1), BigDecimal.valueOf(i % 90, 1), null, Set.of(), Set.of(), null,
                    false, null));
        }
        catalog.apply(ref, synthetic, null);
        long total = jdbc.sql("SELECT count(*) FROM catalog_model").query(Long.class).single();
        List<ModelSort> byName = List.of(new ModelSort(ModelSort.Column.NAME, false));
        double firstPage = median(() -> catalog.find(ModelFilter.ALL, byName, 0, 100).size()
                + (int) catalog.count(ModelFilter.ALL));
        ModelFilter text = new ModelFilter(null, null, null, null, null, null, false, null, "claude");
        double filtered = median(() -> catalog.find(text, byName, 0, 100).size() + (int) catalog.count(text));
        List<ModelSort> byPrice = List.of(new ModelSort(ModelSort.Column.INPUT_PRICE, true));
        double sorted = median(() -> catalog.find(ModelFilter.ALL, byPrice, 5_000, 100).size());
        System.out.printf("Models grid first page + count at %,d models:     %8.1f ms   target < 200 ms: %s%n",
                total, firstPage, firstPage < 200 ? "met" : "MISSED");
        System.out.printf("  ... free-text filter 'claude', page + count:        %8.1f ms%n", filtered);
        System.out.printf("  ... sorted by input price, page at offset 5,000:    %8.1f ms%n", sorted);
    }

    private static void serveFixtures(FakeProvider provider) {
        provider.on("/openai/v1/models", FakeProvider.json(Payloads.text("openai.json")));
        provider.on("/anthropic/v1/models", FakeProvider.json(Payloads.text("anthropic.json")));
        provider.on("/gemini/v1beta/models", FakeProvider.json(Payloads.text("gemini.json")));
        provider.on("/groq/v1/models", FakeProvider.json(Payloads.text("groq.json")));
        provider.on("/openrouter/v1/models", FakeProvider.json(Payloads.text("openrouter.json")));
        provider.on("/vercel/v1/models", FakeProvider.json(Payloads.vercelModelList()));
        provider.on("/ollama/api/tags", FakeProvider.json(Payloads.text("ollama.json")));
        // no real /api/show capture exists; an answer of the documented shape
        provider.on("/ollama/api/show", FakeProvider.json(
                "{\"model_info\":{\"general.architecture\":\"qwen3\",\"qwen3.context_length\":40960},"
                        + "\"capabilities\":[\"completion\",\"tools\"]}"));
        provider.on("/deepseek/v1/models", FakeProvider.json(Payloads.text("deepseek.json")));
        provider.on("/xai/v1/models", FakeProvider.json(Payloads.text("xai.json")));
        provider.on("/llamacpp/v1/models", FakeProvider.json(Payloads.text("llamacpp.json")));
    }

    private static double median(Supplier<Integer> work) {
        for (int i = 0; i < WARMUP; i++) {
            work.get();
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.get();
            times.add(ms(start));
        }
        return median(times);
    }

    private static double median(List<Double> times) {
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }
}
