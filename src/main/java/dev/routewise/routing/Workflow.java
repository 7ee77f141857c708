package dev.routewise.routing;

import java.util.List;
import java.util.Objects;

/**
 * A named workflow (seed 003): each stage, e.g. plan, implement, review, is served by a model or a profile.
 * A route request names the workflow and the stage in its context.
 */
public record Workflow(String name, List<Stage> stages) {

    public Workflow {
        Objects.requireNonNull(name, "name");
        stages = List.copyOf(stages);
    }

    /** Exactly one of model and profile is set. */
    public record Stage(String name, String model, String profile) {
    }

    public Stage stage(String stageName) {
        for (Stage s : stages) {
            if (s.name().equalsIgnoreCase(stageName)) {
                return s;
            }
        }
        return null;
    }
}
