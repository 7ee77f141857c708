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
        ClassifyInputs.Context c = request.context() == null ? null : new ClassifyInputs.Context(
                request.context().task(), request.context().space(), request.context().area(),
                request.context().model(), request.context().policy());
        ClassifyInput input = ClassifyInputs.from(request.prompt(), request.messages(), request.task(), c,
                properties.maxPromptChars());
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
