package dev.routewise.spend.ui;

import dev.routewise.gateway.GatewayCall;
import dev.routewise.gateway.GatewayCallService;
import dev.routewise.gateway.StubProviders;
import dev.routewise.routing.Outcome;
import dev.routewise.routing.OutcomeService;
import dev.routewise.security.ApiKeyService;
import dev.routewise.security.CreatedApiKey;
import dev.routewise.security.Role;
import dev.routewise.spend.BudgetService;
import dev.routewise.spend.Scope;
import dev.routewise.support.ApiClient;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Real traffic for the dashboard's tests: the traffic tables emptied (earlier test classes leave theirs in the
 * shared database), then chat completions through the gateway to stub providers with an API key, as named users
 * of team research (the gateway holds and settles their costs on the budgets), and outcomes reported for some. Needs a
 * signed-in admin (it creates an API key).
 */
final class DashboardTraffic implements AutoCloseable {

    private final ApplicationContext context;
    private final int port;
    final StubProviders stubs;
    private CreatedApiKey key;

    DashboardTraffic(ApplicationContext context, int port) {
        this.context = context;
        this.port = port;
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        // outcomes and attempts go with their decisions and calls
        jdbc.sql("DELETE FROM gateway_call").update();
        jdbc.sql("DELETE FROM gateway_event").update();
        jdbc.sql("DELETE FROM routing_decision").update();
        jdbc.sql("DELETE FROM cost_entry").update();
        jdbc.sql("DELETE FROM cost_daily").update();
        jdbc.sql("DELETE FROM cost_monthly").update();
        stubs = new StubProviders(context, port, "dash");
        stubs.price("2", "10");
    }

    /** The API key the calls were sent with; null before the first call. */
    CreatedApiKey key() {
        return key;
    }

    /**
     * Sends one call per user through the pool profile (each answered after one fallback) and {@code failing} calls
     * that fail, waits until all are recorded, and reports an outcome for the first two calls:
     * a success, and a failure whose user switched to the answering model.
     */
    List<String> send(List<String> users, int failing) {
        if (key == null) {
            key = context.getBean(ApiKeyService.class).create("dashboard-test", Role.OPERATOR);
        }
        List<String> ids = new ArrayList<>();
        users.forEach(user -> ids.add(call(stubs.profile(), user)));
        for (int i = 0; i < failing; i++) {
            ids.add(call(stubs.failingProfile(), users.getFirst()));
        }
        GatewayCallService calls = context.getBean(GatewayCallService.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream().allMatch(id -> calls.find(id).isPresent()));
        OutcomeService outcomes = context.getBean(OutcomeService.class);
        outcomes.report(ids.get(0), new Outcome(true, 5, null, null, null, null, null));
        outcomes.report(ids.get(1), new Outcome(false, 2, null, null, null, null, stubs.answeringModel()));
        return ids;
    }

    private String call(String profile, String user) {
        HttpResponse<String> r = new ApiClient(port).call("POST", "/v1/chat/completions", key.secret(),
                "{\"model\":\"router/" + profile + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}",
                "x-routewise-user", user, "x-routewise-team", "research");
        return r.headers().firstValue("x-routewise-decision-id").orElseThrow(() -> new IllegalStateException(
                "The gateway answered " + r.statusCode() + " without a decision: " + r.body()));
    }

    @Override
    public void close() {
        stubs.close();
    }
}
