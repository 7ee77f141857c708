package dev.routewise.gateway;

import dev.routewise.catalog.CatalogChanged;
import dev.routewise.catalog.SourceRef;
import dev.routewise.discovery.client.FakeProvider;
import dev.routewise.routing.RoutingTestCatalog;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A priced, routable catalog model whose OpenAI-compatible provider is a {@link FakeProvider} on loopback. */
public final class StubModels {

    private StubModels() {
    }

    /**
     * Adds a source {@code <prefix>-...} with one model served by {@code provider}, priced per million tokens, of
     * cost tier low; delete the returned source when done.
     */
    public static SourceRef create(ApplicationContext context, String prefix, FakeProvider provider, String modelId,
                                   String inputPrice, String outputPrice) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        SourceRef s = RoutingTestCatalog.create(context, prefix, "openai-compatible", modelId);
        jdbc.sql("UPDATE model_source SET base_url = ? WHERE id = ?").params(provider.root() + "/v1", s.id()).update();
        jdbc.sql("UPDATE catalog_model SET input_price = ?, output_price = ?, price_origin = 'manual', "
                + "cost_tier = 'low', context_tokens = 8000 WHERE source_id = ?")
                .params(inputPrice, outputPrice, s.id()).update();
        context.publishEvent(new CatalogChanged(s.id()));
        return s;
    }
}
