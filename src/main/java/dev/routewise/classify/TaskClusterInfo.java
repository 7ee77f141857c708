package dev.routewise.classify;

import dev.routewise.classify.engine.TaskLabel;

import java.time.Instant;
import java.util.List;

/** A task cluster as the console and the API show it. */
public record TaskClusterInfo(TaskLabel label, String description, List<String> keywords, List<Example> examples,
                              Instant updatedAt, String updatedBy) {

    public TaskClusterInfo {
        keywords = List.copyOf(keywords);
        examples = List.copyOf(examples);
    }

    /** One example prompt; {@code shipped} ones came with Routewise. */
    public record Example(long id, String text, boolean shipped, Instant createdAt, String createdBy) {
    }
}
