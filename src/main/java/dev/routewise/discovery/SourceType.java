package dev.routewise.discovery;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of model source, each with its API's default base URL and documentation page. */
public enum SourceType {
    OPENAI("openai", "OpenAI", "https://api.openai.com/v1", "https://developers.openai.com/api/docs/models"),
    ANTHROPIC("anthropic", "Anthropic", "https://api.anthropic.com/v1",
            "https://platform.claude.com/docs/en/about-claude/models/overview"),
    GOOGLE("google", "Google AI (Gemini)", "https://generativelanguage.googleapis.com/v1beta",
            "https://ai.google.dev/gemini-api/docs/models"),
    GROQ("groq", "Groq", "https://api.groq.com/openai/v1", "https://console.groq.com/docs/models"),
    OPENROUTER("openrouter", "OpenRouter", "https://openrouter.ai/api/v1", "https://openrouter.ai/models"),
    VERCEL("vercel", "Vercel AI Gateway", "https://ai-gateway.vercel.sh/v1", "https://vercel.com/ai-gateway/models"),
    OLLAMA("ollama", "Ollama", "http://localhost:11434", "https://ollama.com/library"),
    OPENAI_COMPATIBLE("openai-compatible", "OpenAI-compatible", "http://localhost:8000/v1", null);

    private final String key;
    private final String label;
    private final String defaultBaseUrl;
    private final String defaultDocUrl;

    SourceType(String key, String label, String defaultBaseUrl, String defaultDocUrl) {
        this.key = key;
        this.label = label;
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultDocUrl = defaultDocUrl;
    }

    /** The API's name in requests and responses, e.g. {@code openai-compatible}. */
    @JsonValue
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    public String defaultDocUrl() {
        return defaultDocUrl;
    }

    /** Whether the provider's API needs a key to list models. */
    public boolean needsApiKey() {
        return this != OLLAMA && this != OPENAI_COMPATIBLE && this != OPENROUTER;
    }

    public static Optional<SourceType> fromKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String k = key.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(t -> t.key.equals(k)).findFirst();
    }
}
