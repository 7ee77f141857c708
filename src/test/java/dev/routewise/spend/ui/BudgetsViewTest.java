package dev.routewise.spend.ui;

import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import dev.routewise.KaribuViewTest;
import dev.routewise.security.Role;
import dev.routewise.spend.Budget;
import dev.routewise.spend.BudgetDraft;
import dev.routewise.spend.BudgetPolicy;
import dev.routewise.spend.BudgetScope;
import dev.routewise.spend.BudgetService;
import dev.routewise.spend.BudgetStatus;
import dev.routewise.spend.Reservation;
import dev.routewise.spend.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The Budgets view: operators create, edit and delete budgets through the service; everyone sees the windows. */
class BudgetsViewTest extends KaribuViewTest {

    @Autowired
    BudgetService budgets;

    /** A team of its own per test, so budgets other tests left behind never match. */
    String team;

    @BeforeEach
    void team() {
        team = "bv-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void removeBudgets() {
        signIn("olga", Role.OPERATOR);
        budgets.list().stream().filter(b -> team.equals(b.scopeId())).forEach(b -> budgets.delete(b.id()));
    }

    @SuppressWarnings("unchecked")
    private static Grid<BudgetStatus> grid() {
        return _get(Grid.class);
    }

    private int row(String scopeId) {
        Grid<BudgetStatus> grid = grid();
        return IntStream.range(0, GridKt._size(grid))
                .filter(i -> scopeId.equals(GridKt._get(grid, i).budget().scopeId())).findFirst().orElse(-1);
    }

    private String cell(String scopeId, String column) {
        return GridKt._getFormatted(grid(), row(scopeId), column);
    }

    private Component cellComponent(String scopeId, String column) {
        return GridKt._getCellComponent(grid(), row(scopeId), column);
    }

    private Optional<Budget> stored() {
        return budgets.list().stream().filter(b -> team.equals(b.scopeId())).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static <T> Select<T> select(Dialog dialog, String label) {
        return _get(dialog, Select.class, s -> s.withLabel(label));
    }

    private Budget create(String limit, List<BigDecimal> warnAt) {
        return budgets.create(new BudgetDraft("team", team, "day", new BigDecimal(limit), "block", warnAt));
    }

    @Test
    void an_operator_creates_a_team_budget_through_the_dialog_and_sees_it_with_nothing_spent() {
        signIn("olga", Role.OPERATOR);
        UI.getCurrent().navigate(BudgetsView.class);

        _click(_get(Button.class, s -> s.withText("New budget")));
        Dialog dialog = _get(Dialog.class);
        TextField scopeId = _get(dialog, TextField.class, s -> s.withLabel("Scope id"));
        _setValue(select(dialog, "Scope"), BudgetScope.GLOBAL);
        assertThat(scopeId.isEnabled()).as("a global budget has no scope id").isFalse();
        _setValue(select(dialog, "Scope"), BudgetScope.TEAM);
        assertThat(scopeId.isEnabled()).isTrue();
        assertThat(scopeId.getHelperText()).contains("team name");
        _setValue(scopeId, team);
        _setValue(_get(dialog, BigDecimalField.class, s -> s.withLabel("Limit (USD)")), new BigDecimal("12.50"));
        _setValue(select(dialog, "Policy"), BudgetPolicy.DEGRADE);
        assertThat(select(dialog, "Policy").getHelperText()).contains("eco profile");
        _setValue(_get(dialog, TextField.class, s -> s.withLabel("Warn at (% of the limit)")), "50, 90%");
        _click(_get(dialog, Button.class, s -> s.withText("Save")));

        assertThat(dialog.isOpened()).isFalse();
        assertThat(cell(team, "scope")).isEqualTo("team '" + team + "'");
        assertThat(cell(team, "period")).isEqualTo("day");
        assertThat(cell(team, "policy")).isEqualTo("degrade");
        assertThat(cell(team, "limit")).isEqualTo("$12.50");
        assertThat(cell(team, "spent")).isEqualTo("$0.00");
        assertThat(cell(team, "remaining")).isEqualTo("$12.50");
        assertThat(cell(team, "warnAt")).isEqualTo("50 %, 90 %");
        assertThat(_get(cellComponent(team, "used"), Span.class).getText()).isEqualTo("0 %");
        assertThat(_get(cellComponent(team, "used"), ProgressBar.class).getValue()).isZero();
        assertThat(stored()).hasValueSatisfying(b -> {
            assertThat(b.limitUsd()).isEqualByComparingTo("12.50");
            assertThat(b.policy()).isEqualTo(BudgetPolicy.DEGRADE);
            assertThat(b.warnAt()).usingElementComparator(BigDecimal::compareTo)
                    .containsExactly(new BigDecimal("0.5"), new BigDecimal("0.9"));
        });
    }

    @Test
    void a_limit_that_is_not_positive_is_marked_on_its_field_and_nothing_is_saved() {
        signIn("olga", Role.OPERATOR);
        UI.getCurrent().navigate(BudgetsView.class);

        _click(_get(Button.class, s -> s.withText("New budget")));
        Dialog dialog = _get(Dialog.class);
        _setValue(_get(dialog, TextField.class, s -> s.withLabel("Scope id")), team);
        BigDecimalField limit = _get(dialog, BigDecimalField.class, s -> s.withLabel("Limit (USD)"));
        _setValue(limit, new BigDecimal("-5"));
        _click(_get(dialog, Button.class, s -> s.withText("Save")));

        assertThat(limit.isInvalid()).isTrue();
        assertThat(limit.getErrorMessage()).isEqualTo("The limit must be a positive amount in USD");
        assertThat(dialog.isOpened()).isTrue();
        assertThat(stored()).isEmpty();

        TextField warnAt = _get(dialog, TextField.class, s -> s.withLabel("Warn at (% of the limit)"));
        _setValue(limit, new BigDecimal("5"));
        _setValue(warnAt, "75, lots");
        _click(_get(dialog, Button.class, s -> s.withText("Save")));

        assertThat(limit.isInvalid()).isFalse();
        assertThat(warnAt.isInvalid()).isTrue();
        assertThat(warnAt.getErrorMessage()).contains("'lots' is not a percent");
        assertThat(stored()).isEmpty();
    }

    @Test
    void an_operator_edits_a_budget_and_the_grid_shows_the_new_limit() {
        signIn("olga", Role.OPERATOR);
        create("10.00", List.of(new BigDecimal("0.75")));
        UI.getCurrent().navigate(BudgetsView.class);

        _click(_get(cellComponent(team, "actions"), Button.class, s -> s.withText("Edit")));
        Dialog dialog = _get(Dialog.class);
        assertThat(_get(dialog, TextField.class, s -> s.withLabel("Scope id")).getValue()).isEqualTo(team);
        assertThat(_get(dialog, TextField.class, s -> s.withLabel("Warn at (% of the limit)")).getValue())
                .isEqualTo("75");
        _setValue(_get(dialog, BigDecimalField.class, s -> s.withLabel("Limit (USD)")), new BigDecimal("20.00"));
        _click(_get(dialog, Button.class, s -> s.withText("Save")));

        assertThat(cell(team, "limit")).isEqualTo("$20.00");
        assertThat(stored()).hasValueSatisfying(b -> assertThat(b.limitUsd()).isEqualByComparingTo("20"));
        assertThat(budgets.list().stream().filter(b -> team.equals(b.scopeId()))).hasSize(1);
    }

    @Test
    void an_operator_deletes_a_budget_after_confirming() {
        signIn("olga", Role.OPERATOR);
        create("10.00", List.of());
        UI.getCurrent().navigate(BudgetsView.class);

        _click(_get(cellComponent(team, "actions"), Button.class, s -> s.withText("Delete")));
        ConfirmDialog confirm = _get(ConfirmDialog.class);
        ConfirmDialogKt._fireConfirm(confirm);

        assertThat(row(team)).isEqualTo(-1);
        assertThat(stored()).isEmpty();
    }

    @Test
    void a_viewer_sees_the_budgets_but_no_write_buttons() {
        signIn("olga", Role.OPERATOR);
        create("10.00", List.of());
        signIn("vera", Role.VIEWER);
        UI.getCurrent().navigate(BudgetsView.class);

        assertThat(cell(team, "limit")).isEqualTo("$10.00");
        assertThat(_find(Button.class, s -> s.withText("New budget"))).isEmpty();
        assertThat(grid().getColumnByKey("actions")).isNull();
        assertThat(_find(Button.class, s -> s.withText("Edit"))).isEmpty();
        assertThat(_find(Button.class, s -> s.withText("Delete"))).isEmpty();
        _assertNone(Dialog.class);
    }

    @Test
    void spend_settled_through_the_budget_service_shows_and_the_bar_turns_at_the_thresholds() {
        signIn("olga", Role.OPERATOR);
        create("10.00", List.of(new BigDecimal("0.75"), new BigDecimal("0.9")));
        Scope caller = new Scope(null, team, null);
        Reservation call = budgets.reserve(caller, new BigDecimal("2.00"));
        budgets.settle(call, new BigDecimal("2.50"));
        UI.getCurrent().navigate(BudgetsView.class);

        assertThat(cell(team, "spent")).isEqualTo("$2.50");
        assertThat(cell(team, "reserved")).isEqualTo("$0.00");
        assertThat(cell(team, "remaining")).isEqualTo("$7.50");
        ProgressBar bar = _get(cellComponent(team, "used"), ProgressBar.class);
        assertThat(bar.getValue()).isEqualTo(0.25);
        assertThat(bar.getThemeNames()).contains("success");

        // a call in flight holds its estimate plus the margin (20 %): $5.00 -> $6.00, so $8.50 of $10 is used
        Reservation inFlight = budgets.reserve(caller, new BigDecimal("5.00"));
        try {
            _click(_get(Button.class, s -> s.withText("Refresh")));
            assertThat(cell(team, "reserved")).isEqualTo("$6.00");
            assertThat(cell(team, "remaining")).isEqualTo("$1.50");
            bar = _get(cellComponent(team, "used"), ProgressBar.class);
            assertThat(bar.getValue()).isEqualTo(0.85);
            assertThat(bar.getClassNames()).contains("rw-progress-warn");
            assertThat(bar.getThemeNames()).doesNotContain("success", "error");

            // another $1.25 estimate holds $1.50: exactly the limit, admitted, and nothing is left for the next call
            Reservation last = budgets.reserve(caller, new BigDecimal("1.25"));
            try {
                _click(_get(Button.class, s -> s.withText("Refresh")));
                assertThat(cell(team, "remaining")).isEqualTo("exhausted");
                bar = _get(cellComponent(team, "used"), ProgressBar.class);
                assertThat(bar.getValue()).isEqualTo(1.0);
                assertThat(bar.getThemeNames()).contains("error");
            } finally {
                budgets.release(last);
            }
        } finally {
            budgets.release(inFlight);
        }
    }
}
