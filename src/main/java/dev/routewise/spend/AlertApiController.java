package dev.routewise.spend;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alerts and the alert webhook over REST (docs/spend.md). Roles are checked by {@link AlertService}: any key reads,
 * OPERATOR acknowledges and configures.
 */
@RestController
class AlertApiController {

    /** What a test post may carry: a URL to try before saving it; none tests the stored one. */
    record TestRequest(String url) {
    }

    private final AlertService alerts;

    AlertApiController(AlertService alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/api/v1/alerts")
    AlertPage list(@RequestParam(defaultValue = "false") boolean open, @RequestParam(defaultValue = "0") long offset,
                   @RequestParam(defaultValue = "50") int limit) {
        return alerts.list(open, offset, limit);
    }

    @PostMapping("/api/v1/alerts/{id}/acknowledge")
    Alert acknowledge(@PathVariable long id) {
        return alerts.acknowledge(id);
    }

    @GetMapping("/api/v1/alerts/webhook")
    WebhookSettings webhook() {
        return alerts.webhook();
    }

    @PutMapping("/api/v1/alerts/webhook")
    WebhookSettings saveWebhook(@RequestBody(required = false) WebhookInput input) {
        return alerts.saveWebhook(input);
    }

    @PostMapping("/api/v1/alerts/webhook/test")
    WebhookResult test(@RequestBody(required = false) TestRequest request) {
        return alerts.testWebhook(request == null ? null : request.url());
    }
}
