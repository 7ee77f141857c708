package dev.routewise.classify;

import dev.routewise.classify.engine.TaskCluster;
import dev.routewise.classify.engine.TaskLabel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The default task clusters shipped in the jar: {@code classify/clusters.json} (descriptions and
 * keywords) and {@code classify/examples.jsonl} (the training part of the project's labelled prompt set).
 * They seed the database on first start; the evaluation command trains on them too.
 */
public final class ShippedClusters {

    static final String CLUSTERS = "classify/clusters.json";
    static final String EXAMPLES = "classify/examples.jsonl";

    /** One labelled prompt. */
    public record LabelledPrompt(TaskLabel label, String text) {
    }

    private ShippedClusters() {
    }

    public static List<TaskCluster> load() {
        JsonMapper json = JsonMapper.builder().build();
        Map<TaskLabel, List<String>> examples = new EnumMap<>(TaskLabel.class);
        for (LabelledPrompt p : readJsonl(resource(EXAMPLES))) {
            examples.computeIfAbsent(p.label(), l -> new ArrayList<>()).add(p.text());
        }
        List<TaskCluster> clusters = new ArrayList<>();
        try (InputStream in = resource(CLUSTERS)) {
            for (JsonNode node : json.readTree(in)) {
                TaskLabel label = TaskLabel.fromId(node.get("label").asString()).orElseThrow();
                List<String> keywords = new ArrayList<>();
                node.get("keywords").forEach(k -> keywords.add(k.asString()));
                clusters.add(new TaskCluster(label, node.get("description").asString(), keywords,
                        examples.getOrDefault(label, List.of())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return clusters;
    }

    /** Reads {@code {"label": "...", "text": "..."}} lines. */
    public static List<LabelledPrompt> readJsonl(InputStream in) {
        JsonMapper json = JsonMapper.builder().build();
        List<LabelledPrompt> prompts = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                prompts.add(new LabelledPrompt(TaskLabel.fromId(node.get("label").asString()).orElseThrow(),
                        node.get("text").asString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return prompts;
    }

    private static InputStream resource(String name) {
        InputStream in = ShippedClusters.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Missing resource " + name);
        }
        return in;
    }
}
