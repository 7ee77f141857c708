package dev.routewise.classify.engine;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One OpenAI-format chat message: a role and its content parts. A plain string content is one text part.
 */
public record ChatMessage(String role, List<Part> parts) {

    /** One content part; {@code text} is empty for non-text parts. */
    public record Part(Modality modality, String text) {
        public Part {
            Objects.requireNonNull(modality);
            text = text == null ? "" : text;
        }

        public static Part text(String text) {
            return new Part(Modality.TEXT, text);
        }
    }

    public ChatMessage {
        role = role == null ? "user" : role.trim().toLowerCase(Locale.ROOT);
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage("user", List.of(Part.text(text)));
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage("assistant", List.of(Part.text(text)));
    }

    public static ChatMessage system(String text) {
        return new ChatMessage("system", List.of(Part.text(text)));
    }

    public boolean isUser() {
        return "user".equals(role);
    }

    /** The text parts joined by blank lines. */
    public String text() {
        if (parts.size() == 1) {
            return parts.getFirst().text();
        }
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (p.modality() == Modality.TEXT && !p.text().isEmpty()) {
                if (!b.isEmpty()) {
                    b.append("\n\n");
                }
                b.append(p.text());
            }
        }
        return b.toString();
    }
}
