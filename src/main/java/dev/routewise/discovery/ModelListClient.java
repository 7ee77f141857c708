package dev.routewise.discovery;

import dev.routewise.catalog.DiscoveredModel;

import java.util.List;

/** Lists the models of one kind of provider API. Implementations are thread-safe and hold no per-source state. */
public interface ModelListClient {

    /** The source types this client speaks to. */
    java.util.Set<SourceType> types();

    /**
     * Fetches the complete model list (all pages). Either the whole list or an exception: a
     * failure on any page fails the call, so a partial list never reaches the catalog.
     */
    List<DiscoveredModel> listModels(SourceEndpoint endpoint) throws DiscoveryException;
}
