package dev.routewise.classify.engine;

import java.util.List;
import java.util.Objects;

/** One task's cluster: a description, keywords for the signal tier and example prompts for the embedding tier. */
public record TaskCluster(TaskLabel label, String description, List<String> keywords, List<String> examples) {

    public TaskCluster {
        Objects.requireNonNull(label);
        description = description == null ? "" : description;
        keywords = List.copyOf(keywords);
        examples = List.copyOf(examples);
    }
}
