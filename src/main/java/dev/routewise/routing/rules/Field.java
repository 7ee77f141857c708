package dev.routewise.routing.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The request fields a condition may test, each with the type that decides which operators and values fit. */
public enum Field {
    PRIORITY("priority", Type.INT),
    LABELS("labels", Type.SET),
    TASK("task", Type.TASK),
    COMPLEXITY("complexity", Type.COMPLEXITY),
    COMPLEXITY_SCORE("complexityScore", Type.NUMBER),
    TOKENS("tokens", Type.INT),
    OUTPUT_TOKENS("outputTokens", Type.INT),
    HOUR("hour", Type.INT),
    WEEKDAY("weekday", Type.WEEKDAY),
    USER("user", Type.STRING),
    TEAM("team", Type.STRING),
    SPACE("space", Type.STRING),
    PROFILE("profile", Type.STRING);

    /** What kind of value a field holds. */
    enum Type {
        INT, NUMBER, STRING, SET, TASK, COMPLEXITY, WEEKDAY;

        boolean ordered() {
            return this == INT || this == NUMBER || this == COMPLEXITY || this == WEEKDAY;
        }
    }

    public static final List<String> NAMES = Arrays.stream(values()).map(Field::id).toList();

    private final String id;
    final Type type;

    Field(String id, Type type) {
        this.id = id;
        this.type = type;
    }

    public String id() {
        return id;
    }

    /** Case and underscores do not matter: {@code output_tokens} and {@code outputTokens} are one field. */
    static Optional<Field> lookup(String name) {
        String key = normalise(name);
        return Arrays.stream(values()).filter(f -> normalise(f.id).equals(key)).findFirst();
    }

    static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "");
    }
}
