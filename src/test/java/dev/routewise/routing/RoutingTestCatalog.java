package dev.routewise.routing;

import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.DiscoveredModel;
import dev.routewise.catalog.SourceRef;
import dev.routewise.support.TestSources;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Arrays;

import static org.awaitility.Awaitility.await;

/** A source with the given models, applied to the catalog and visible to the router. */
public final class RoutingTestCatalog {

    private RoutingTestCatalog() {
    }

    /** The same for tests outside this package (the CLI's), which cannot name {@link RoutableModels}. */
    public static SourceRef create(ApplicationContext context, String prefix, String type, String... modelIds) {
        return create(context.getBean(JdbcClient.class), context.getBean(CatalogService.class),
                context.getBean(RoutableModels.class), prefix, type, modelIds);
    }

    static SourceRef create(JdbcClient jdbc, CatalogService catalog, RoutableModels routable, String prefix,
                            String type, String... modelIds) {
        SourceRef source = TestSources.insert(jdbc, prefix, type);
        catalog.apply(source, Arrays.stream(modelIds).map(id -> DiscoveredModel.idOnly(id, null)).toList(), null);
        // the last id must be a chat model: only those are routable
        String last = source.slug() + "/" + modelIds[modelIds.length - 1];
        // a snapshot rebuilt while the source row was being inserted may list the models with the source
        // unknown (so unhealthy) until the next rebuild: wait for a routable, healthy model
        await().atMost(Duration.ofSeconds(10)).until(() -> routable.current().stream()
                .anyMatch(c -> c.id().equals(last) && c.sourceHealthy()));
        return source;
    }
}
