package dev.routewise.routing.rules;

import dev.routewise.routing.engine.ModelPattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a matching rule does.
 *
 * @param value    normalised: a model id, a profile name, the globs joined by ", ", or the deny message
 * @param patterns the globs of {@code add_models} / {@code exclude_models}, else empty
 */
public record Action(Type type, String value, List<ModelPattern> patterns) {

    static final int MAX_VALUE_LENGTH = 500;
    static final int MAX_PATTERNS = 50;

    public enum Type {
        USE_MODEL("use_model", true), USE_PROFILE("use_profile", true), ADD_MODELS("add_models", false),
        EXCLUDE_MODELS("exclude_models", false), DENY("deny", true);

        private final String id;
        private final boolean decisive;

        Type(String id, boolean decisive) {
            this.id = id;
            this.decisive = decisive;
        }

        public String id() {
            return id;
        }

        /** A matching rule of this type ends evaluation; add and exclude rules let it continue. */
        public boolean decisive() {
            return decisive;
        }

        public static Optional<Type> fromId(String id) {
            if (id == null) {
                return Optional.empty();
            }
            String key = id.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            return Arrays.stream(values()).filter(t -> t.id.equals(key)).findFirst();
        }

        public static List<String> ids() {
            return Arrays.stream(values()).map(Type::id).toList();
        }
    }

    public Action {
        patterns = List.copyOf(patterns);
    }

    /**
     * Validates an action and its value.
     *
     * @throws RuleException with field {@code action} or {@code value}
     */
    public static Action parse(String type, String value, ProfileLookup profiles) {
        Type t = Type.fromId(type).orElseThrow(() -> RuleException.of("action", (type == null || type.isBlank()
                ? "Choose an action" : "Unknown action '" + type + "'") + ": use one of "
                + String.join(", ", Type.ids())));
        String v = value == null ? "" : value.strip();
        if (v.length() > MAX_VALUE_LENGTH) {
            throw RuleException.of("value", "The value is at most " + MAX_VALUE_LENGTH + " characters long");
        }
        return switch (t) {
            case USE_MODEL -> {
                if (!v.matches("[^\\s/*]+/\\S+") || v.contains("*")) {
                    throw RuleException.of("value", "Give one model id such as openai/gpt-4o-mini");
                }
                yield new Action(t, v, List.of());
            }
            case USE_PROFILE -> {
                String name = v.toLowerCase(Locale.ROOT);
                if (name.isEmpty() || !profiles.exists(name)) {
                    throw RuleException.of("value", name.isEmpty() ? "Give a profile name, e.g. eco"
                            : "Unknown profile '" + v + "'");
                }
                yield new Action(t, name, List.of());
            }
            case ADD_MODELS, EXCLUDE_MODELS -> {
                List<ModelPattern> patterns = new ArrayList<>();
                for (String glob : v.split("[,\\s]+")) {
                    if (!glob.isBlank()) {
                        patterns.add(ModelPattern.of(glob));
                    }
                }
                if (patterns.isEmpty()) {
                    throw RuleException.of("value", "Give one or more model patterns, e.g. anthropic/*, */gpt-4o*");
                }
                if (patterns.size() > MAX_PATTERNS) {
                    throw RuleException.of("value", "At most " + MAX_PATTERNS + " model patterns");
                }
                yield new Action(t, String.join(", ", patterns.stream().map(ModelPattern::glob).toList()),
                        patterns);
            }
            case DENY -> {
                if (v.isEmpty()) {
                    throw RuleException.of("value", "Give the message callers see, e.g. \"Premium models are "
                            + "not available to this team\"");
                }
                yield new Action(t, v, List.of());
            }
        };
    }

    @Override
    public String toString() {
        return type.id() + " " + (type == Type.DENY ? "\"" + value + "\"" : value);
    }
}
