package dev.routewise.routing;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import dev.routewise.KaribuViewTest;
import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.SourceRef;
import dev.routewise.classify.engine.ChatMessage;
import dev.routewise.classify.engine.ClassifyInput;
import dev.routewise.classify.engine.ExplicitContext;
import dev.routewise.gateway.GatewayCall;
import dev.routewise.gateway.GatewayCallService;
import dev.routewise.gateway.StubProviders;
import dev.routewise.routing.engine.RouteConstraints;
import dev.routewise.routing.ui.DecisionsView;
import dev.routewise.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DecisionsViewTest extends KaribuViewTest {

    @Autowired
    CatalogService catalog;
    @Autowired
    RoutableModels routable;
    @Autowired
    RoutingService routing;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DecisionHistory history;
    @Autowired
    GatewayCallService calls;
    @LocalServerPort
    int port;

    @Test
    void a_viewer_finds_a_logged_decision_by_model_and_reads_why() {
        SourceRef source = RoutingTestCatalog.create(jdbc, catalog, routable, "decisions", "openai", "gpt-4o-mini");
        signIn("vera", Role.VIEWER);
        RoutingService.Routed routed = routing.route(new RoutingService.Command(
                new ClassifyInput(List.of(ChatMessage.user("How many legs does a spider have?")),
                        new ExplicitContext(null, null, null, null, null)),
                "eco", RouteConstraints.NONE.withAllowedModels(List.of(source.slug() + "/*")), false, false,
                "karibu"));
        String model = routed.decision().chosen().model().id();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM routing_decision WHERE decision_id = ?").param(routed.decisionId())
                .query(Long.class).single() == 1);
        UI.getCurrent().navigate(DecisionsView.class);

        _setValue(_get(TextField.class, s -> s.withPlaceholder("Model id")), model);
        @SuppressWarnings("unchecked")
        Grid<LoggedDecision> grid = _get(Grid.class);
        assertThat(GridKt._size(grid)).isEqualTo(1);
        LoggedDecision row = GridKt._get(grid, 0);
        assertThat(row.decisionId()).isEqualTo(routed.decisionId());
        assertThat(row.caller()).isEqualTo("karibu");

        grid.select(row);
        assertThat(_get(Pre.class).getText()).contains("reasons").contains(model);
    }

    @Test
    void a_decision_the_gateway_executed_shows_its_call_and_each_attempt() {
        try (StubProviders stubs = new StubProviders(context, port, "decisions-call")) {
            String decisionId = stubs.complete();
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.find(decisionId).isPresent()
                    && history.detail(decisionId).isPresent());
            signIn("vera", Role.VIEWER);
            UI.getCurrent().navigate(DecisionsView.class);

            _setValue(_get(TextField.class, s -> s.withPlaceholder("Model id")), stubs.failingModel());
            @SuppressWarnings("unchecked")
            Grid<LoggedDecision> grid = _get(Grid.class, s -> s.withoutClasses("rw-call-attempts"));
            LoggedDecision row = IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i))
                    .filter(d -> d.decisionId().equals(decisionId)).findFirst().orElseThrow();
            _assertNone(Grid.class, s -> s.withClasses("rw-call-attempts"));

            grid.select(row);

            assertThat(_get(Span.class, s -> s.withClasses("rw-call-model")).getText())
                    .isEqualTo(stubs.answeringModel());
            assertThat(_get(Span.class, s -> s.withClasses("rw-call-fallbacks")).getText()).isEqualTo("1 fallback");
            assertThat(_get(Span.class, s -> s.withClasses("rw-call-cost")).getText()).isEqualTo("unknown");
            @SuppressWarnings("unchecked")
            Grid<GatewayCall.Attempt> attempts = _get(Grid.class, s -> s.withClasses("rw-call-attempts"));
            assertThat(IntStream.range(0, GridKt._size(attempts)).mapToObj(i -> GridKt._get(attempts, i).outcome()))
                    .containsExactly("failed", "failed", "ok");
        }
    }
}
