package dev.routewise.routing;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.textfield.TextField;
import dev.routewise.KaribuViewTest;
import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.SourceRef;
import dev.routewise.classify.engine.ChatMessage;
import dev.routewise.classify.engine.ClassifyInput;
import dev.routewise.classify.engine.ExplicitContext;
import dev.routewise.routing.engine.RouteConstraints;
import dev.routewise.routing.ui.DecisionsView;
import dev.routewise.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;

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
}
