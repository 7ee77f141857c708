package dev.routewise.spend.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import dev.routewise.base.ui.Chart;
import dev.routewise.base.ui.Formats;
import dev.routewise.spend.CostDimension;
import dev.routewise.spend.CostPeriod;
import dev.routewise.spend.CostReport;
import dev.routewise.spend.CostReportService;
import dev.routewise.spend.CostRow;
import dev.routewise.spend.DailyCost;

import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the team spent, from the cost ledger: today, this calendar month and the dashboard's days, with calls whose
 * cost is unknown shown apart at their estimate (never as $0); the cost per day, and per model. The ledger counts
 * calendar days in the spend time zone, so the last-24-hours view shows the last 7 days' series. The shown days'
 * cost report downloads as CSV or JSON, grouped as chosen.
 */
class CostPanel extends DashboardPanel<CostPanel.Figures> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);
    static final int MODELS_SHOWN = 7;

    record Figures(CostRow today, CostRow month, CostReport window) {
    }

    private final CostReportService reports;
    private final SummaryPanel.Stat today = new SummaryPanel.Stat("cost-today", "Spent today");
    private final SummaryPanel.Stat month = new SummaryPanel.Stat("cost-month", "This month");
    private final SummaryPanel.Stat window = new SummaryPanel.Stat("cost-window", "In this period");
    final Chart perDay = new Chart(Chart.Kind.STACKED_BAR, Chart.Format.USD, "No spend recorded in these days");
    final Chart perModel = new Chart(Chart.Kind.HORIZONTAL_BAR, Chart.Format.USD, "No spend recorded in these days");

    final Select<CostDimension> groupBy = new Select<>();
    final Anchor csv;
    final Anchor json;
    /** The days the panel shows last, which the report downloads cover. */
    private volatile CostPeriod shown;

    CostPanel(CostReportService reports) {
        super("dashboard-cost", "Spend", Width.FULL);
        this.reports = reports;
        Div stats = new Div(today, month, window);
        stats.addClassName("rw-stats");
        Div charts = new Div(perDay, perModel);
        charts.addClassName("rw-panel-charts");
        groupBy.setLabel("Cost report by");
        groupBy.setItems(CostDimension.values());
        groupBy.setItemLabelGenerator(CostDimension::wire);
        groupBy.setValue(CostDimension.MODEL);
        csv = new Anchor(DownloadHandler.fromInputStream(e -> download("csv")), "Download CSV");
        csv.setId("dashboard-cost-csv");
        json = new Anchor(DownloadHandler.fromInputStream(e -> download("json")), "Download JSON");
        json.setId("dashboard-cost-json");
        HorizontalLayout export = new HorizontalLayout(groupBy, csv, json);
        export.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(stats, charts, export);
    }

    /** The report of the shown days grouped as chosen, as {@code GET /api/v1/costs} gives it. */
    DownloadResponse download(String format) {
        CostPeriod period = shown;
        CostDimension by = groupBy.getValue();
        byte[] body = format.equals("csv") ? reports.csv(period, by).getBytes(StandardCharsets.UTF_8)
                : JSON.writeValueAsBytes(reports.report(period, by));
        return new DownloadResponse(new ByteArrayInputStream(body), "routewise-costs-" + by.wire() + "-"
                + period.from() + "-to-" + period.to() + "." + format, format.equals("csv") ? "text/csv"
                : "application/json", body.length);
    }

    @Override
    Figures load(DashboardFigures f) {
        LocalDate now = reports.today();
        LocalDate from = f.window().hourly() ? now.minusDays(6) : LocalDate.ofInstant(f.window().from(), f.window()
                .zone());
        return new Figures(reports.totals(new CostPeriod("day", now, now)),
                reports.totals(new CostPeriod("month", now.withDayOfMonth(1), now)),
                reports.report(new CostPeriod("dashboard", from, now), CostDimension.MODEL));
    }

    @Override
    void show(Figures f) {
        shown = f.window().period();
        today.set(Formats.usd(f.today().knownCostUsd()), unknown(f.today()));
        month.set(Formats.usd(f.month().knownCostUsd()), unknown(f.month()));
        CostReport w = f.window();
        window.set(Formats.usd(w.totals().knownCostUsd()), Formats.count(w.totals().calls()) + " calls from "
                + DAY.format(w.period().from()) + "; " + unknown(w.totals()));
        List<String> days = new ArrayList<>();
        List<BigDecimal> known = new ArrayList<>();
        List<BigDecimal> estimated = new ArrayList<>();
        for (DailyCost d : w.daily()) {
            days.add(DAY.format(d.date()));
            known.add(d.knownCostUsd());
            estimated.add(d.unknownCostEstimateUsd());
        }
        List<Chart.Series> series = new ArrayList<>();
        series.add(new Chart.Series("Known cost", known));
        if (estimated.stream().anyMatch(e -> e.signum() > 0)) {
            series.add(new Chart.Series("Estimated (usage unknown)", estimated));
        }
        perDay.show(days, series);
        List<CostRow> rows = w.rows().stream().filter(r -> r.knownCostUsd().signum() > 0
                || r.unknownCostEstimateUsd().signum() > 0).limit(MODELS_SHOWN).toList();
        perModel.show(rows.stream().map(r -> r.key() == null ? "no model" : r.key()).toList(),
                List.of(new Chart.Series("Cost", rows.stream().map(r -> r.knownCostUsd()
                        .add(r.unknownCostEstimateUsd())).toList())));
    }

    private static String unknown(CostRow r) {
        if (r.unknownCostCalls() == 0) {
            return Formats.count(r.calls()) + " calls, every cost known";
        }
        return "+ ~" + Formats.usd(r.unknownCostEstimateUsd()) + " estimated for " + Formats.count(r.unknownCostCalls())
                + " calls without usage";
    }
}
