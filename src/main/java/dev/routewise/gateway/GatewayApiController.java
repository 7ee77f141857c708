package dev.routewise.gateway;

import dev.routewise.base.NotFoundException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * What the gateway did ({@code /api/v1/gateway/calls}, {@code /events}) and the per-model request and token limits
 * it keeps below ({@code /api/v1/gateway/limits}).
 */
@RestController
@RequestMapping("/api/v1/gateway")
class GatewayApiController {

    /** A limit as sent; null fields are unlimited. */
    record LimitBody(Integer rpm, Integer tpm) {
    }

    private final GatewayCallService calls;

    GatewayApiController(GatewayCallService calls) {
        this.calls = calls;
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
    void removeLimit(@PathVariable String modelId) {
        calls.setLimit(strip(modelId), null, null);
    }

    /** A {@code {*path}} variable starts with a slash. */
    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
