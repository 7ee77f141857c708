package dev.routewise.routing;

import dev.routewise.classify.engine.TaskLabel;

import java.util.Map;
import java.util.Objects;

/**
 * The router's configuration as decisions read it: immutable, swapped whole on change.
 *
 * @param activeProfile the profile of requests that name none
 * @param overrides     per profile, the model forced for a task
 */
public record RouterConfig(String activeProfile, Map<String, Map<TaskLabel, String>> overrides) {

    public RouterConfig {
        Objects.requireNonNull(activeProfile);
        overrides = Map.copyOf(overrides);
    }

    public Map<TaskLabel, String> overridesOf(String profile) {
        return overrides.getOrDefault(profile, Map.of());
    }
}
