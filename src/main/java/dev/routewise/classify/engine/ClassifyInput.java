package dev.routewise.classify.engine;

import java.util.List;

/** What to classify: OpenAI-format messages (the last user turn is classified) and optional explicit context. */
public record ClassifyInput(List<ChatMessage> messages, ExplicitContext context) {

    public ClassifyInput {
        messages = messages == null ? List.of() : List.copyOf(messages);
        context = context == null ? ExplicitContext.NONE : context;
    }

    public static ClassifyInput ofPrompt(String prompt) {
        return new ClassifyInput(List.of(ChatMessage.user(prompt)), ExplicitContext.NONE);
    }

    public static ClassifyInput ofMessages(ChatMessage... messages) {
        return new ClassifyInput(List.of(messages), ExplicitContext.NONE);
    }
}
