package dev.routewise.routing;

import dev.routewise.classify.engine.TaskLabel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The router's configuration as decisions read it: immutable, swapped whole on change.
 *
 * @param activeProfile the profile of requests that name none
 * @param profiles      built-in profiles first, then custom ones by name
 * @param overrides     per profile, the model forced for a task
 * @param workflows     by name, each with its stages in order
 * @param presets       whether built-in profiles follow seed 000's task -> model presets when their models fit
 */
public record RouterConfig(String activeProfile, List<ProfileSettings> profiles,
                           Map<String, Map<TaskLabel, String>> overrides, Map<String, Workflow> workflows,
                           boolean presets) {

    public RouterConfig {
        Objects.requireNonNull(activeProfile);
        profiles = List.copyOf(profiles);
        overrides = Map.copyOf(overrides);
        workflows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(workflows));
    }

    public Map<TaskLabel, String> overridesOf(String profile) {
        return overrides.getOrDefault(profile, Map.of());
    }

    public Optional<ProfileSettings> profile(String name) {
        for (ProfileSettings p : profiles) {
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public List<String> profileNames() {
        return profiles.stream().map(ProfileSettings::name).toList();
    }
}
