package dev.routewise.discovery;

/** The answer of a discovery request (../shared/API.md). */
public record RunSummary(Long runId, String source, String status, int added, int updated, int removed,
                         int unchanged, Integer listed, String error) {

    static RunSummary of(DiscoveryRun run) {
        return new RunSummary(run.id(), run.sourceName(), run.status(), run.added(), run.updated(), run.removed(),
                run.unchanged(), run.listed(), run.error());
    }
}
