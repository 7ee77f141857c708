package dev.routewise.routing;

import dev.routewise.spend.ModelTaskRecord;
import dev.routewise.spend.ModelTaskRecords;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** The spend feature's view of how models did per task: {@link OutcomeService#records}. */
@Component
class RoutingTaskRecords implements ModelTaskRecords {

    private final OutcomeService outcomes;

    RoutingTaskRecords(OutcomeService outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public List<ModelTaskRecord> since(Instant since) {
        return outcomes.records(since);
    }
}
