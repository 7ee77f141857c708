package dev.routewise.classify;

import dev.routewise.base.InvalidInputException;
import dev.routewise.classify.engine.ChatMessage;
import dev.routewise.classify.engine.Classification;
import dev.routewise.classify.engine.ClassifyInput;
import dev.routewise.classify.engine.ExplicitContext;
import dev.routewise.classify.engine.Modality;
import dev.routewise.classify.engine.TaskLabel;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST /api/v1/classify} of ../shared/API.md, and the task clusters for clients. */
@RestController
@RequestMapping("/api/v1")
class ClassifyApiController {

    private static final Set<String> SPACES = Set.of("coding", "writing", "research", "general");

    /**
     * A prompt or OpenAI chat messages, with optional explicit context. {@code task} may be given at the
     * top level (as in /route) or in the context.
     */
    record ClassifyRequest(String prompt, List<JsonNode> messages, String task, Context context) {
    }

    record Context(String task, String space, String area, String model, String policy) {
    }

    record ClassifyResponse(String task, double confidence, String complexity, double complexityScore, String tier,
                            Map<String, Object> signals, List<String> requiredModalities, int estimatedInputTokens,
                            int estimatedOutputTokens, Map<String, Double> scores, List<String> sensitiveData,
                            boolean restricted, String lockedModel, List<String> reasons, long latencyMicros) {
    }

    private final ClassifierService classifier;
    private final ClassifyProperties properties;

    ClassifyApiController(ClassifierService classifier, ClassifyProperties properties) {
        this.classifier = classifier;
        this.properties = properties;
    }

    @PostMapping("/classify")
    ClassifyResponse classify(@RequestBody(required = false) ClassifyRequest request) {
        if (request == null) {
            throw new InvalidInputException("prompt", "Send a JSON body with \"prompt\" or \"messages\"");
        }
        ClassifyInput input = new ClassifyInput(messages(request), context(request));
        return response(classifier.classify(input));
    }

    @GetMapping("/classify/clusters")
    List<TaskClusterInfo> clusters() {
        return classifier.clusters();
    }

    @GetMapping("/classify/status")
    ClassifierStatus status() {
        return classifier.status();
    }

    private List<ChatMessage> messages(ClassifyRequest request) {
        boolean hasPrompt = request.prompt() != null && !request.prompt().isBlank();
        boolean hasMessages = request.messages() != null && !request.messages().isEmpty();
        if (!hasPrompt && !hasMessages) {
            throw new InvalidInputException("prompt", "Give a non-empty \"prompt\" or a \"messages\" array");
        }
        if (hasPrompt) {
            if (request.prompt().length() > properties.maxPromptChars()) {
                throw new InvalidInputException("prompt", "The prompt is longer than "
                        + properties.maxPromptChars() + " characters");
            }
            return List.of(ChatMessage.user(request.prompt()));
        }
        List<ChatMessage> messages = new ArrayList<>();
        long chars = 0;
        boolean userText = false;
        for (int i = 0; i < request.messages().size(); i++) {
            JsonNode node = request.messages().get(i);
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
        if (chars > properties.maxPromptChars()) {
            throw new InvalidInputException("messages", "The messages are longer than "
                    + properties.maxPromptChars() + " characters");
        }
        return messages;
    }

    private static ExplicitContext context(ClassifyRequest request) {
        Context c = request.context();
        String taskName = request.task() != null ? request.task() : c == null ? null : c.task();
        TaskLabel task = null;
        if (taskName != null && !taskName.isBlank()) {
            task = TaskLabel.fromId(taskName).orElseThrow(() -> new InvalidInputException(
                    request.task() != null ? "task" : "context.task", "Unknown task '" + taskName + "'"));
        }
        if (c == null) {
            return new ExplicitContext(task, null, null, null, null);
        }
        if (c.space() != null && !c.space().isBlank() && !SPACES.contains(c.space().trim().toLowerCase())) {
            throw new InvalidInputException("context.space", "space is one of coding, writing, research, general");
        }
        return new ExplicitContext(task, c.space(), c.area(), c.model(), c.policy());
    }

    private static ClassifyResponse response(Classification c) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (TaskLabel label : TaskLabel.TASKS) {
            scores.put(label.id(), c.score(label));
        }
        return new ClassifyResponse(c.task().id(), c.confidence(), c.complexity().id(), c.complexityScore(),
                c.tier().id(), c.signals().toMap(), c.requiredModalities().stream().map(Modality::id).toList(),
                c.estimatedInputTokens(), c.estimatedOutputTokens(), scores, c.sensitiveData().kinds(), c.restricted(),
                c.lockedModel(), c.reasons(), c.micros());
    }
}
