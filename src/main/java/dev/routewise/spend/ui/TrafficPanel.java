package dev.routewise.spend.ui;

import dev.routewise.base.ui.Chart;
import dev.routewise.gateway.GatewayStats;
import dev.routewise.routing.DecisionStats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Requests over time: routing decisions, gateway calls and the calls that failed, per hour or per day. */
class TrafficPanel extends DashboardPanel<TrafficPanel.Figures> {

    record Figures(List<String> labels, List<Long> decisions, List<Long> calls, List<Long> errors) {
    }

    private final DecisionStats decisionStats;
    private final GatewayStats gatewayStats;
    final Chart chart = new Chart(Chart.Kind.LINE, Chart.Format.COUNT, "No requests in this period yet");

    TrafficPanel(DecisionStats decisionStats, GatewayStats gatewayStats) {
        super("dashboard-traffic", "Requests over time", Width.FULL);
        this.decisionStats = decisionStats;
        this.gatewayStats = gatewayStats;
        chart.setHeight("15rem");
        add(chart);
    }

    @Override
    Figures load(DashboardFigures f) {
        DashboardWindow w = f.window();
        List<Long> decisions = zeros(w.buckets());
        for (DecisionStats.Hour h : decisionStats.hourly(w.from(), w.to())) {
            add(decisions, w.bucketOf(h.hour()), h.decisions());
        }
        List<Long> calls = zeros(w.buckets());
        List<Long> errors = zeros(w.buckets());
        for (GatewayStats.Hour h : gatewayStats.hourly(w.from(), w.to())) {
            add(calls, w.bucketOf(h.hour()), h.calls());
            add(errors, w.bucketOf(h.hour()), h.errors());
        }
        return new Figures(w.labels(), decisions, calls, errors);
    }

    @Override
    void show(Figures f) {
        chart.show(f.labels(), List.of(new Chart.Series("Decisions", f.decisions()),
                new Chart.Series("Gateway calls", f.calls()),
                new Chart.Series("Errors", f.errors(), "--lumo-error-color")));
    }

    private static List<Long> zeros(int n) {
        return new ArrayList<>(Collections.nCopies(n, 0L));
    }

    private static void add(List<Long> buckets, int index, long n) {
        if (index >= 0) {
            buckets.set(index, buckets.get(index) + n);
        }
    }
}
