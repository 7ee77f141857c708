package dev.routewise.discovery;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** REST for model sources and discovery (../shared/API.md, "Catalog and discovery"). */
@RestController
@RequestMapping("/api/v1")
class DiscoveryApiController {

    private final SourceService sources;
    private final DiscoveryService discovery;

    DiscoveryApiController(SourceService sources, DiscoveryService discovery) {
        this.sources = sources;
        this.discovery = discovery;
    }

    @GetMapping("/sources")
    List<ModelSource> list() {
        return sources.list();
    }

    @GetMapping("/sources/{id}")
    ModelSource get(@PathVariable long id) {
        return sources.get(id);
    }

    @PostMapping("/sources")
    @ResponseStatus(HttpStatus.CREATED)
    ModelSource create(@RequestBody SourceInput input) {
        return sources.create(input);
    }

    @PutMapping("/sources/{id}")
    ModelSource update(@PathVariable long id, @RequestBody SourceInput input) {
        return sources.update(id, input);
    }

    @DeleteMapping("/sources/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        sources.delete(id);
    }

    @PostMapping("/sources/{id}/discover")
    RunSummary discover(@PathVariable long id) {
        return RunSummary.of(discovery.discover(id));
    }

    @PostMapping("/discovery/run")
    List<RunSummary> discoverAll() {
        return discovery.discoverAll().stream().map(RunSummary::of).toList();
    }

    @GetMapping("/sources/{id}/runs")
    List<DiscoveryRun> runs(@PathVariable long id, @RequestParam(defaultValue = "20") int limit) {
        return discovery.history(id, limit);
    }

    /** Lists the models of the given settings without saving anything; {@code id} reuses a stored key. */
    @PostMapping("/sources/test")
    ConnectionTest test(@RequestParam(required = false) Long id, @RequestBody SourceInput input) {
        return discovery.test(sources.endpointFor(id, input));
    }
}
