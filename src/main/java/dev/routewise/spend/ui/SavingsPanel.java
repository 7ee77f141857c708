package dev.routewise.spend.ui;

import com.vaadin.flow.component.html.Paragraph;
import dev.routewise.base.ui.Chart;
import dev.routewise.base.ui.Formats;
import dev.routewise.spend.CostPeriod;
import dev.routewise.spend.CostReportService;
import dev.routewise.spend.Savings;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What routing saved in the dashboard's days: the calls' actual cost next to the same tokens on each profile's top
 * model for the task, and on the premium profile's (docs/spend.md "Savings").
 */
class SavingsPanel extends DashboardPanel<Savings> {

    private final CostReportService reports;
    final Chart chart = new Chart(Chart.Kind.BAR, Chart.Format.USD, "No priced calls to compare yet");
    final Paragraph summary = new Paragraph();

    SavingsPanel(CostReportService reports) {
        super("dashboard-savings", "Savings", Width.NARROW);
        this.reports = reports;
        summary.setId("dashboard-savings-summary");
        summary.addClassName("rw-muted");
        add(summary, chart);
    }

    @Override
    Savings load(DashboardFigures f) {
        LocalDate now = reports.today();
        LocalDate from = f.window().hourly() ? now : LocalDate.ofInstant(f.window().from(), f.window().zone());
        return reports.savings(new CostPeriod("dashboard", from, now));
    }

    @Override
    void show(Savings s) {
        if (s.calls() == 0) {
            summary.setText("Savings compare calls with a known cost to what the same tokens cost on the top "
                    + "models; none yet in this period.");
            chart.show(List.of(), List.of());
            return;
        }
        String text = saved(s.savedVsPremiumUsd(), s.savedVsPremiumPercent()) + " against always premium, "
                + saved(s.savedVsTopModelUsd(), s.savedVsTopModelPercent()) + " against each profile's top model, "
                + "over " + Formats.count(s.calls()) + " calls.";
        summary.setText(Character.toUpperCase(text.charAt(0)) + text.substring(1));
        chart.show(List.of("Actual", "Always top model", "Always premium"), List.of(new Chart.Series("Cost",
                List.of(s.actualUsd(), s.topModelUsd(), s.premiumUsd()))));
    }

    private static String saved(BigDecimal usd, BigDecimal percent) {
        String p = percent == null ? "" : " (" + percent.toPlainString() + " %)";
        return usd.signum() >= 0 ? "saved " + Formats.usd(usd) + p : "cost " + Formats.usd(usd.negate()) + " more"
                + (percent == null ? "" : " (" + percent.negate().toPlainString() + " %)");
    }
}
