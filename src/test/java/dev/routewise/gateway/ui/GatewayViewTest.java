package dev.routewise.gateway.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.routewise.KaribuViewTest;
import dev.routewise.gateway.GatewayCall;
import dev.routewise.gateway.GatewayCallService;
import dev.routewise.gateway.GatewayCallService.ModelLimit;
import dev.routewise.gateway.StubProviders;
import dev.routewise.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Gateway view shows what the real gateway recorded for calls to stub providers, and operators set limits. */
class GatewayViewTest extends KaribuViewTest {

    @LocalServerPort
    int port;
    @Autowired
    GatewayCallService calls;

    StubProviders stubs;

    @BeforeEach
    void stubProviders() {
        stubs = new StubProviders(context, port, "gw-view");
    }

    @AfterEach
    void closeStubs() {
        stubs.close();
    }

    /** Calls through the gateway, once each is recorded (the gateway writes its records off the request thread). */
    private List<String> recordedCalls(int n) {
        List<String> ids = IntStream.range(0, n).mapToObj(i -> stubs.complete()).toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream().allMatch(id -> calls.find(id).isPresent()));
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static <T> Grid<T> grid(String className) {
        return _get(Grid.class, s -> s.withClasses(className));
    }

    private static <T> List<T> rows(Grid<T> grid) {
        return IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i)).toList();
    }

    private static <T> int index(Grid<T> grid, java.util.function.Predicate<T> row) {
        List<T> all = rows(grid);
        return IntStream.range(0, all.size()).filter(i -> row.test(all.get(i))).findFirst().orElseThrow();
    }

    @Test
    void a_viewer_sees_a_call_that_fell_back_with_an_unknown_cost_and_selects_it_to_read_each_attempt() {
        String decisionId = recordedCalls(1).getFirst();
        signIn("vera", Role.VIEWER);
        UI.getCurrent().navigate(GatewayView.class);

        Grid<GatewayCall> grid = grid("rw-gateway-calls");
        int row = index(grid, c -> c.decisionId().equals(decisionId));
        assertThat(GridKt._getFormatted(grid, row, "requested")).isEqualTo("router/" + stubs.profile());
        assertThat(GridKt._getFormatted(grid, row, "model")).isEqualTo(stubs.answeringModel());
        assertThat(GridKt._getFormatted(grid, row, "fallbacks")).isEqualTo("1");
        assertThat(GridKt._getFormatted(grid, row, "tokens")).isEqualTo("9 in · 3 out");
        assertThat(GridKt._getFormatted(grid, row, "cost")).isEqualTo("unknown");
        assertThat(GridKt._getFormatted(grid, row, "latency")).endsWith(" ms");

        grid.select(GridKt._get(grid, row));

        Grid<GatewayCall.Attempt> attempts = grid("rw-call-attempts");
        assertThat(rows(attempts)).extracting(a -> a.model() + " " + a.outcome()).containsExactly(
                stubs.failingModel() + " failed", stubs.failingModel() + " failed", stubs.answeringModel() + " ok");
        assertThat(GridKt._getFormatted(attempts, 0, "errorClass")).isEqualTo("transient");
        assertThat(_get(Span.class, s -> s.withClasses("rw-call-cost")).getText()).isEqualTo("unknown");
    }

    @Test
    void the_events_tab_lists_the_cooldown_of_a_failing_model_and_the_calls_that_fell_back() {
        // three failed calls in a row rest a model
        List<String> ids = recordedCalls(3);
        signIn("vera", Role.VIEWER);
        UI.getCurrent().navigate(GatewayView.class);

        _get(TabSheet.class).setSelectedIndex(1);

        Grid<GatewayView.EventRow> events = grid("rw-gateway-events");
        assertThat(rows(events)).filteredOn(e -> e.kind().equals("cooldown"))
                .anySatisfy(e -> {
                    assertThat(e.model()).isEqualTo(stubs.failingModel());
                    assertThat(e.until()).isNotNull();
                    assertThat(e.detail()).contains("3 failures in a row");
                });
        int fallback = index(events, e -> ids.getLast().equals(e.decisionId()));
        assertThat(GridKt._get(events, fallback).kind()).isEqualTo("fallback");
        assertThat(GridKt._getFormatted(events, fallback, "detail"))
                .isEqualTo("Answered by " + stubs.answeringModel() + " after 1 fallback (requested router/"
                        + stubs.profile() + ")");

        events.select(GridKt._get(events, fallback));
        assertThat(rows(grid("rw-call-attempts"))).hasSize(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_operator_sets_a_models_limit_sees_a_bad_value_at_its_field_and_removes_it() {
        signIn("olly", Role.OPERATOR);
        UI.getCurrent().navigate(GatewayView.class);
        _get(TabSheet.class).setSelectedIndex(2);

        _setValue(_get(ComboBox.class, s -> s.withLabel("Model")), stubs.answeringModel());
        IntegerField rpm = _get(IntegerField.class, s -> s.withLabel("Requests per minute"));
        _setValue(rpm, 0);
        _click(_get(Button.class, s -> s.withText("Save limit")));

        assertThat(rpm.isInvalid()).isTrue();
        assertThat(rpm.getErrorMessage()).contains("at least 1");
        assertThat(calls.limits()).noneMatch(l -> l.modelId().equals(stubs.answeringModel()));

        _setValue(rpm, 30);
        _click(_get(Button.class, s -> s.withText("Save limit")));

        expectNotifications("Limits of " + stubs.answeringModel() + " saved");
        Grid<ModelLimit> limits = grid("rw-gateway-limits");
        int row = index(limits, l -> l.modelId().equals(stubs.answeringModel()));
        assertThat(GridKt._getFormatted(limits, row, "rpm")).isEqualTo("30");
        assertThat(GridKt._getFormatted(limits, row, "tpm")).isEqualTo("no limit");

        Component actions = GridKt._getCellComponent(limits, row, "actions");
        _click(_get(actions, Button.class, s -> s.withText("Remove")));

        expectNotifications("Limits of " + stubs.answeringModel() + " removed");
        assertThat(rows(limits)).noneMatch(l -> l.modelId().equals(stubs.answeringModel()));
        assertThat(calls.limits()).noneMatch(l -> l.modelId().equals(stubs.answeringModel()));
    }

    @Test
    void a_viewer_reads_the_limits_but_cannot_change_them() {
        signIn("vera", Role.VIEWER);
        UI.getCurrent().navigate(GatewayView.class);
        _get(TabSheet.class).setSelectedIndex(2);

        grid("rw-gateway-limits");
        _assertNone(Button.class, s -> s.withText("Save limit"));
        _get(com.vaadin.flow.component.html.Paragraph.class, s -> s.withText("Operators set limits."));
    }
}
