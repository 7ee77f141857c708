package dev.routewise.gateway;

import dev.routewise.base.NotFoundException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gateway did ({@code /api/v1/gateway/calls}, {@code /events}), the per-model request and token limits it
 * keeps below ({@code /limits}), the profiles that cascade ({@code /cascades}) and the system-prompt templates per
 * model or provider ({@code /prompts}).
 */
@RestController
@RequestMapping("/api/v1/gateway")
class GatewayApiController {

    /** A limit as sent; null fields are unlimited. */
    record LimitBody(Integer rpm, Integer tpm) {
    }

    /** A profile's cascade as sent. */
    record CascadeBody(Boolean enabled, String cheapModel) {
    }

    private final GatewayCallService calls;
    private final GatewaySettingsService settings;

    GatewayApiController(GatewayCallService calls, GatewaySettingsService settings) {
        this.calls = calls;
        this.settings = settings;
    }

    @GetMapping("/cascades")
    List<GatewaySettingsService.Cascade> cascades() {
        return settings.cascades();
    }

    @PutMapping("/cascades/{profile}")
    Map<String, Object> setCascade(@PathVariable String profile, @RequestBody CascadeBody body) {
        boolean on = body.enabled() == null || body.enabled();
        var c = settings.setCascade(profile, on, body.cheapModel());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("profile", profile);
        answer.put("enabled", c.isPresent());
        answer.put("cheapModel", c.map(GatewaySettingsService.Cascade::cheapModel).orElse(null));
        return answer;
    }

    @GetMapping("/prompts")
    List<GatewaySettingsService.PromptTemplate> prompts() {
        return settings.templates();
    }

    @PostMapping("/prompts")
    @ResponseStatus(HttpStatus.CREATED)
    GatewaySettingsService.PromptTemplate createPrompt(@RequestBody GatewaySettingsService.PromptTemplate body) {
        return settings.saveTemplate(new GatewaySettingsService.PromptTemplate(null, body.target(), body.position(),
                body.text(), body.enabled()));
    }

    @PutMapping("/prompts/{id}")
    GatewaySettingsService.PromptTemplate updatePrompt(@PathVariable long id,
                                                       @RequestBody GatewaySettingsService.PromptTemplate body) {
        return settings.saveTemplate(new GatewaySettingsService.PromptTemplate(id, body.target(), body.position(),
                body.text(), body.enabled()));
    }

    @DeleteMapping("/prompts/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deletePrompt(@PathVariable long id) {
        settings.deleteTemplate(id);
    }

    @GetMapping("/calls")
    List<GatewayCall> calls(@RequestParam(defaultValue = "50") int limit,
                            @RequestParam(required = false) String model) {
        return calls.recent(limit, model);
    }

    @GetMapping("/calls/{decisionId}")
    GatewayCall call(@PathVariable String decisionId) {
        return calls.find(decisionId).orElseThrow(() -> new NotFoundException("Gateway call", decisionId));
    }

    @GetMapping("/events")
    List<GatewayCall.Event> events(@RequestParam(defaultValue = "50") int limit) {
        return calls.events(limit);
    }

    @GetMapping("/limits")
    List<GatewayCallService.ModelLimit> limits() {
        return calls.limits();
    }

    @PutMapping("/limits/{*modelId}")
    GatewayCallService.ModelLimit setLimit(@PathVariable String modelId, @RequestBody LimitBody body) {
        return calls.setLimit(strip(modelId), body.rpm(), body.tpm());
    }

    @DeleteMapping("/limits/{*modelId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeLimit(@PathVariable String modelId) {
        calls.setLimit(strip(modelId), null, null);
    }

    /** A {@code {*path}} variable starts with a slash. */
    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
