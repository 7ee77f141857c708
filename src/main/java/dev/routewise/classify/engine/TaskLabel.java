package dev.routewise.classify.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The task labels of the HTTP contract (../shared/API.md), with {@link #GENERAL} when nothing fits well enough. */
public enum TaskLabel {
    CODE("code"),
    DEBUGGING("debugging"),
    CODE_REVIEW("code_review"),
    MATH("math"),
    ANALYSIS("analysis"),
    CREATIVE("creative"),
    SUMMARIZATION("summarization"),
    TRANSLATION("translation"),
    PLANNING("planning"),
    SIMPLE_QA("simple_qa"),
    GENERAL("general");

    /** The ten labels a classifier chooses between; {@link #GENERAL} is only a fallback. */
    public static final List<TaskLabel> TASKS = Arrays.stream(values()).filter(l -> l != GENERAL).toList();
    public static final int COUNT = TASKS.size();

    private final String id;

    TaskLabel(String id) {
        this.id = id;
    }

    /** The wire name, e.g. {@code code_review}. */
    public String id() {
        return id;
    }

    public static Optional<TaskLabel> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(l -> l.id.equals(wanted)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
