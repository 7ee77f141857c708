package dev.routewise.routing;

import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.routing.engine.RouteCandidate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Seed 000's shipped mapping of the built-in profiles (routing/presets.csv), resolved against a catalog snapshot:
 * per profile and task, the catalog ids of the preset chain's models that are in the catalog, in chain order.
 * Resolution happens once per snapshot, never per request.
 */
final class PresetTable {

    /** A model of a chain: its names as written, normalised. */
    private record Name(String shown, List<String> keys) {
    }

    /** Catalog ids per profile and task, and each profile's preset fallback model. */
    record Resolved(Object snapshot, Map<String, Map<TaskLabel, List<String>>> chains, Map<String, String> fallbacks) {

        List<String> chain(String profile, TaskLabel task) {
            return chains.getOrDefault(profile, Map.of()).getOrDefault(task, List.of());
        }
    }

    private final Map<String, Map<TaskLabel, List<Name>>> chains;
    private final Map<String, Name> fallbacks;
    private volatile Resolved resolved = new Resolved(null, Map.of(), Map.of());

    private PresetTable(Map<String, Map<TaskLabel, List<Name>>> chains, Map<String, Name> fallbacks) {
        this.chains = chains;
        this.fallbacks = fallbacks;
    }

    static PresetTable loadDefault() {
        try (InputStream in = PresetTable.class.getResourceAsStream("/routing/presets.csv")) {
            return parse(new String(Objects.requireNonNull(in, "routing/presets.csv").readAllBytes(),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PresetTable parse(String csv) {
        Map<String, Map<TaskLabel, List<Name>>> chains = new HashMap<>();
        Map<String, Name> fallbacks = new HashMap<>();
        try (BufferedReader lines = new BufferedReader(new java.io.StringReader(csv))) {
            String line;
            while ((line = lines.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split(",", 3);
                String profile = cols[0].strip();
                List<Name> chain = new ArrayList<>();
                for (String model : cols[2].split(">")) {
                    List<String> keys = new ArrayList<>();
                    for (String alias : model.split("\\|")) {
                        keys.add(normalise(alias));
                    }
                    chain.add(new Name(model.split("\\|")[0].strip(), List.copyOf(keys)));
                }
                for (String task : cols[1].strip().split("\\s+")) {
                    if (task.equals("fallback")) {
                        fallbacks.put(profile, chain.getFirst());
                    } else {
                        TaskLabel label = TaskLabel.fromId(task).orElseThrow(() ->
                                new IllegalStateException("presets.csv: unknown task " + task));
                        chains.computeIfAbsent(profile, p -> new EnumMap<>(TaskLabel.class)).put(label,
                                List.copyOf(chain));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PresetTable(chains, fallbacks);
    }

    /** The preset names of a profile's chain for a task, as written in the seed, for explanations. */
    List<String> names(String profile, TaskLabel task) {
        return chains.getOrDefault(profile, Map.of()).getOrDefault(task, List.of()).stream().map(Name::shown)
                .toList();
    }

    /** Resolves the presets against {@code snapshot}, reusing the last result while the snapshot is the same. */
    Resolved resolve(List<RouteCandidate> snapshot) {
        Resolved r = resolved;
        if (r.snapshot() == snapshot) {
            return r;
        }
        Map<String, List<RouteCandidate>> byKey = new HashMap<>();
        for (RouteCandidate m : snapshot) {
            byKey.computeIfAbsent(normalise(m.id().substring(m.id().lastIndexOf('/') + 1)), k -> new ArrayList<>())
                    .add(m);
        }
        Map<String, Map<TaskLabel, List<String>>> out = new HashMap<>();
        chains.forEach((profile, tasks) -> {
            Map<TaskLabel, List<String>> resolvedTasks = new EnumMap<>(TaskLabel.class);
            tasks.forEach((task, chain) -> {
                List<String> ids = new ArrayList<>();
                for (Name name : chain) {
                    String id = find(byKey, name);
                    if (id != null) {
                        ids.add(id);
                    }
                }
                resolvedTasks.put(task, List.copyOf(ids));
            });
            out.put(profile, resolvedTasks);
        });
        Map<String, String> fb = new HashMap<>();
        fallbacks.forEach((profile, name) -> {
            String id = find(byKey, name);
            if (id != null) {
                fb.put(profile, id);
            }
        });
        r = new Resolved(snapshot, out, fb);
        resolved = r;
        return r;
    }

    /**
     * The catalog model a preset name stands for: an exact name first, then a dated or versioned one
     * ({@code -20250929}, {@code -001}, {@code -latest}); among several, enabled and healthy ones, then the
     * shortest id (the provider's own listing rather than an aggregator's).
     */
    private static String find(Map<String, List<RouteCandidate>> byKey, Name name) {
        List<RouteCandidate> found = new ArrayList<>();
        for (String key : name.keys()) {
            found.addAll(byKey.getOrDefault(key, List.of()));
        }
        if (found.isEmpty()) {
            for (Map.Entry<String, List<RouteCandidate>> e : byKey.entrySet()) {
                for (String key : name.keys()) {
                    if (versionOf(e.getKey(), key)) {
                        found.addAll(e.getValue());
                    }
                }
            }
        }
        return found.stream()
                .min(Comparator.comparing((RouteCandidate m) -> !(m.enabled() && m.sourceHealthy()))
                        .thenComparingInt(m -> m.id().length()).thenComparing(RouteCandidate::id))
                .map(RouteCandidate::id).orElse(null);
    }

    private static boolean versionOf(String candidate, String key) {
        if (!candidate.startsWith(key + "-")) {
            return false;
        }
        String suffix = candidate.substring(key.length() + 1);
        return suffix.equals("latest") || suffix.chars().allMatch(c -> Character.isDigit(c) || c == '-');
    }

    private static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace('.', '-');
    }
}
