package dev.routewise.spend.ui;

import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.progressbar.ProgressBarVariant;
import dev.routewise.spend.BudgetStatus;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How full a budget's window is, drawn the same on the Budgets page and the dashboard. */
final class BudgetBars {

    /** Below every warning threshold, past one, or exhausted. */
    enum Level {
        OK, WARNING, EXHAUSTED
    }

    private BudgetBars() {
    }

    /** The share of the limit spent and reserved: what the next call is checked against. */
    static BigDecimal used(BudgetStatus s) {
        return s.spentUsd().add(s.reservedUsd()).divide(s.budget().limitUsd(), 4, RoundingMode.HALF_UP);
    }

    /** Exhausted by the service's rule; a warning once the used share reaches a {@code warnAt} threshold. */
    static Level level(BudgetStatus s) {
        if (s.exhausted()) {
            return Level.EXHAUSTED;
        }
        BigDecimal used = used(s);
        return s.budget().warnAt().stream().anyMatch(t -> used.compareTo(t) >= 0) ? Level.WARNING : Level.OK;
    }

    /** A bar filled to the used share: green, amber past a warning (the console's stylesheet), red when exhausted. */
    static ProgressBar bar(BudgetStatus s) {
        ProgressBar bar = new ProgressBar(0, 1, Math.min(1, used(s).doubleValue()));
        switch (level(s)) {
            case OK -> bar.addThemeVariants(ProgressBarVariant.LUMO_SUCCESS);
            // Lumo has no warning variant
            case WARNING -> bar.addClassName("rw-progress-warn");
            case EXHAUSTED -> bar.addThemeVariants(ProgressBarVariant.LUMO_ERROR);
        }
        return bar;
    }
}
