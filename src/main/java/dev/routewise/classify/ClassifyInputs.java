package dev.routewise.classify;

import dev.routewise.base.InvalidInputException;
import dev.routewise.classify.engine.ChatMessage;
import dev.routewise.classify.engine.Classification;
import dev.routewise.classify.engine.ClassifyInput;
import dev.routewise.classify.engine.ExplicitContext;
import dev.routewise.classify.engine.Modality;
import dev.routewise.classify.engine.TaskLabel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Turns a prompt or OpenAI-style chat messages plus explicit context, as the REST API receives
 * them, into the classifier's input; refuses bad input field by field. Shared by
 * {@code /api/v1/classify} and {@code /api/v1/route}.
 */
public final class ClassifyInputs {

    private static final Set<String> SPACES = Set.of("coding", "writing", "research", "general");

    /** The explicit context of a request; every part optional. */
    public record Context(String task, String space, String area, String model, String policy) {
    }

    private ClassifyInputs() {
    }

    /** {@code task} may be given at the top level (as in /route) or in the context. */
    public static ClassifyInput from(String prompt, List<JsonNode> messages, String task, Context context,
                                     int maxPromptChars) {
        return new ClassifyInput(messages(prompt, messages, maxPromptChars), context(task, context));
    }

    private static List<ChatMessage> messages(String prompt, List<JsonNode> rawMessages, int maxPromptChars) {
        boolean hasPrompt = prompt != null && !prompt.isBlank();
        boolean hasMessages = rawMessages != null && !rawMessages.isEmpty();
        if (!hasPrompt && !hasMessages) {
            throw new InvalidInputException("prompt", "Give a non-empty \"prompt\" or a \"messages\" array");
        }
        if (hasPrompt) {
            if (prompt.length() > maxPromptChars) {
                throw new InvalidInputException("prompt", "The prompt is longer than "
                        + maxPromptChars + " characters");
            }
            return List.of(ChatMessage.user(prompt));
        }
        List<ChatMessage> messages = new ArrayList<>();
        long chars = 0;
        boolean userText = false;
        for (int i = 0; i < rawMessages.size(); i++) {
            JsonNode node = rawMessages.get(i);
            if (node == null || !node.isObject()) {
                throw new InvalidInputException("messages[" + i + "]", "Each message is an object with role and content");
            }
            String role = node.path("role").asString("user");
            List<ChatMessage.Part> parts = new ArrayList<>();
            JsonNode content = node.path("content");
            if (content.isString()) {
                parts.add(ChatMessage.Part.text(content.asString()));
            } else if (content.isArray()) {
                for (JsonNode part : content) {
                    String type = part.path("type").asString("text");
                    Modality modality = Modality.ofPartType(type);
                    parts.add(new ChatMessage.Part(modality, modality == Modality.TEXT ? part.path("text").asString("") : ""));
                }
            } else if (!content.isMissingNode() && !content.isNull()) {
                throw new InvalidInputException("messages[" + i + "].content", "content is a string or an array of parts");
            }
            ChatMessage message = new ChatMessage(role, parts);
            chars += message.text().length();
            userText |= message.isUser() && !message.text().isBlank();
            messages.add(message);
        }
        if (!userText) {
            throw new InvalidInputException("messages", "The messages need at least one user message with text");
        }
        if (chars > maxPromptChars) {
            throw new InvalidInputException("messages", "The messages are longer than "
                    + maxPromptChars + " characters");
        }
        return messages;
    }

    private static ExplicitContext context(String topLevelTask, Context c) {
        String taskName = topLevelTask != null ? topLevelTask : c == null ? null : c.task();
        TaskLabel task = null;
        if (taskName != null && !taskName.isBlank()) {
            task = TaskLabel.fromId(taskName).orElseThrow(() -> new InvalidInputException(
                    topLevelTask != null ? "task" : "context.task", "Unknown task '" + taskName + "'"));
        }
        if (c == null) {
            return new ExplicitContext(task, null, null, null, null);
        }
        if (c.space() != null && !c.space().isBlank() && !SPACES.contains(c.space().trim().toLowerCase())) {
            throw new InvalidInputException("context.space", "space is one of coding, writing, research, general");
        }
        return new ExplicitContext(task, c.space(), c.area(), c.model(), c.policy());
    }
}
