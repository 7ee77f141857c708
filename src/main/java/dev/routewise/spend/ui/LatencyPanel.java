package dev.routewise.spend.ui;

import dev.routewise.base.ui.Chart;
import dev.routewise.gateway.GatewayStats;

import java.util.List;

/** How fast each model answered through the gateway: the median and 95th percentile of whole calls. */
class LatencyPanel extends DashboardPanel<List<GatewayStats.ModelLatency>> {

    /** The busiest models; more bars no longer fit the panel. */
    static final int SHOWN = 6;

    private final GatewayStats stats;
    final Chart chart = new Chart(Chart.Kind.HORIZONTAL_BAR, Chart.Format.MS, "No answered gateway calls in this "
            + "period yet");

    LatencyPanel(GatewayStats stats) {
        super("dashboard-latency", "Latency per model", Width.NARROW);
        this.stats = stats;
        add(chart);
    }

    @Override
    List<GatewayStats.ModelLatency> load(DashboardFigures f) {
        return stats.latencyByModel(f.window().from(), f.window().to(), SHOWN);
    }

    @Override
    void show(List<GatewayStats.ModelLatency> models) {
        chart.show(models.stream().map(GatewayStats.ModelLatency::model).toList(), List.of(
                new Chart.Series("p50", models.stream().map(GatewayStats.ModelLatency::p50Ms).toList()),
                new Chart.Series("p95", models.stream().map(GatewayStats.ModelLatency::p95Ms).toList())));
    }
}
