package dev.routewise.spend.ui;

import dev.routewise.base.ui.Chart;
import dev.routewise.routing.DecisionStats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How the window's decisions spread over one dimension (the model chosen, or the task classified): the largest
 * groups by name, the rest summed as "other".
 */
class MixPanel extends DashboardPanel<List<DecisionStats.Group>> {

    /** Beyond this many slices a doughnut stops being readable. */
    static final int SHOWN = 7;

    private final Function<DecisionStats.Mix, List<DecisionStats.Group>> dimension;
    private final String noKey;
    final Chart chart;

    private MixPanel(String id, String title, Chart.Kind kind, Function<DecisionStats.Mix, List<DecisionStats.Group>>
            dimension, String noKey) {
        super(id, title, Width.NARROW);
        this.dimension = dimension;
        this.noKey = noKey;
        this.chart = new Chart(kind, Chart.Format.COUNT, "No decisions in this period yet");
        add(chart);
    }

    static MixPanel models() {
        return new MixPanel("dashboard-models", "Models chosen", Chart.Kind.DOUGHNUT, DecisionStats.Mix::byModel,
                "no model fit");
    }

    static MixPanel tasks() {
        return new MixPanel("dashboard-tasks", "Tasks", Chart.Kind.HORIZONTAL_BAR, DecisionStats.Mix::byTask,
                "unknown");
    }

    @Override
    List<DecisionStats.Group> load(DashboardFigures f) {
        return dimension.apply(f.mix());
    }

    @Override
    void show(List<DecisionStats.Group> groups) {
        List<String> labels = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        long other = 0;
        for (DecisionStats.Group g : groups) {
            if (labels.size() < SHOWN) {
                labels.add(g.key() == null ? noKey : g.key());
                counts.add(g.count());
            } else {
                other += g.count();
            }
        }
        if (other > 0) {
            labels.add("other");
            counts.add(other);
        }
        chart.show(labels, List.of(new Chart.Series("Decisions", counts)));
    }
}
