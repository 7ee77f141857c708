package dev.routewise.spend.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextField;
import dev.routewise.KaribuViewTest;
import dev.routewise.security.Role;
import dev.routewise.spend.Budget;
import dev.routewise.spend.BudgetPeriod;
import dev.routewise.spend.BudgetPolicy;
import dev.routewise.spend.BudgetScope;
import dev.routewise.spend.ThresholdCrossed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Alerts view lists what budgets raised, operators acknowledge and set the webhook, and open pages are told. */
class AlertsViewTest extends KaribuViewTest {

    static final Instant CREATED = Instant.parse("2026-11-01T08:00:00Z");
    static final Instant WINDOW = Instant.parse("2026-11-22T00:00:00Z");

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JdbcClient jdbc;

    /** Before too: other classes' budgets raise alerts in the shared database, and this test reads the whole list. */
    @BeforeEach
    @AfterEach
    void noAlertsLeft() {
        jdbc.sql("DELETE FROM spend_alert").update();
        jdbc.sql("DELETE FROM alert_webhook").update();
    }

    /** Raises an alert the way a settled gateway call does, and waits until the alert writer stored it. */
    private void raise(long budgetId, String team, String threshold, String spent) {
        Budget budget = new Budget(budgetId, BudgetScope.TEAM, team, BudgetPeriod.DAY, new BigDecimal("10.00"),
                BudgetPolicy.BLOCK, List.of(new BigDecimal(threshold)), CREATED, CREATED);
        events.publishEvent(new ThresholdCrossed(budget, new BigDecimal(threshold), WINDOW, new BigDecimal(spent)));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM spend_alert WHERE "
                + "budget_id = ?").param(budgetId).query(Long.class).single() == 1);
    }

    @SuppressWarnings("unchecked")
    private static Grid<dev.routewise.spend.Alert> grid() {
        return _get(Grid.class);
    }

    private static String messages(Grid<dev.routewise.spend.Alert> grid) {
        return java.util.stream.IntStream.range(0, GridKt._size(grid))
                .mapToObj(i -> GridKt._get(grid, i).message()).collect(Collectors.joining("\n"));
    }

    @Test
    void an_operator_sees_an_open_alert_and_acknowledges_it() {
        raise(921, "ml", "0.9", "9.12");
        signIn("olga", Role.OPERATOR);
        UI.getCurrent().navigate(AlertsView.class);

        Grid<dev.routewise.spend.Alert> grid = grid();
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(messages(grid)).isEqualTo("Team 'ml' daily budget $10.00: 90 % used ($9.12)");
        assertThat(_get(Span.class, s -> s.withText("1 alert open"))).isNotNull();

        _click((Button) GridKt._getCellComponent(grid, 0, "acknowledged"));

        assertThat(grid.isVisible()).isFalse();
        assertThat(_get(Span.class, s -> s.withText("0 alerts open"))).isNotNull();
        _setValue(_get(com.vaadin.flow.component.checkbox.Checkbox.class, s -> s.withLabel("Open only")), false);
        Component who = GridKt._getCellComponent(grid(), 0, "acknowledged");
        assertThat(((Span) who).getText()).startsWith("olga, ");
    }

    @Test
    void a_viewer_sees_alerts_but_cannot_acknowledge_them_or_change_the_webhook() {
        raise(922, "research", "1", "10.30");
        signIn("vera", Role.VIEWER);
        UI.getCurrent().navigate(AlertsView.class);

        Grid<dev.routewise.spend.Alert> grid = grid();
        assertThat(messages(grid)).isEqualTo("Team 'research' daily budget $10.00 exhausted ($10.30 spent)");
        Component cell = GridKt._getCellComponent(grid, 0, "acknowledged");
        assertThat(cell).isInstanceOf(Span.class);
        assertThat(((Span) cell).getText()).isEqualTo("open");
        assertThat(_find(TextField.class, s -> s.withLabel("Webhook URL"))).isEmpty();
        assertThat(_find(Button.class, s -> s.withText("Send a test message"))).isEmpty();
        assertThat(_get(Span.class, s -> s.withClasses("rw-webhook-status")).getText())
                .startsWith("No webhook");
    }

    @Test
    void an_operator_saves_a_webhook_that_is_then_shown_only_masked() {
        signIn("olga", Role.OPERATOR);
        UI.getCurrent().navigate(AlertsView.class);
        TextField url = _get(TextField.class, s -> s.withLabel("Webhook URL"));

        _setValue(url, "ftp://hooks.example/x");
        _click(_get(Button.class, s -> s.withText("Save webhook")));
        assertThat(url.isInvalid()).isTrue();
        assertThat(url.getErrorMessage()).contains("http");

        _setValue(url, "https://hooks.slack.example/services/T1/B1/tokEn9876");
        _click(_get(Button.class, s -> s.withText("Save webhook")));
        assertThat(url.isInvalid()).isFalse();
        assertThat(url.getValue()).isEmpty();
        assertThat(_get(Span.class, s -> s.withClasses("rw-webhook-status")).getText())
                .isEqualTo("Posting to htt…9876.");
    }

    @Test
    void an_open_console_page_shows_a_notification_when_an_alert_is_raised() {
        signIn("vera", Role.VIEWER);
        UI.getCurrent().navigate(AlertsView.class);
        NotificationsKt.clearNotifications();

        raise(923, "ml", "0.75", "7.60");

        untilShown(() -> notificationTexts().contains("Budget alert: Team 'ml' daily budget $10.00: 75 % used "
                + "($7.60)"));
        assertThat(messages(grid())).contains("75 % used");
    }

    private static List<String> notificationTexts() {
        return NotificationsKt.getNotifications().stream()
                .flatMap(n -> _find(n, Span.class).stream()).map(Span::getText).toList();
    }

    private static void untilShown(Callable<Boolean> shown) {
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> {
            MockVaadin.clientRoundtrip(false);
            return shown.call();
        });
    }
}
