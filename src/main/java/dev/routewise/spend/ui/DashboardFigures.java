package dev.routewise.spend.ui;

import dev.routewise.gateway.GatewayStats;
import dev.routewise.routing.DecisionStats;

/**
 * The figures several panels share, read at most once per refresh of the dashboard (on one thread), together with
 * the window they cover.
 */
final class DashboardFigures {

    private final DashboardWindow window;
    private final DecisionStats decisions;
    private final GatewayStats gateway;
    private DecisionStats.Mix mix;
    private GatewayStats.Totals totals;

    DashboardFigures(DashboardWindow window, DecisionStats decisions, GatewayStats gateway) {
        this.window = window;
        this.decisions = decisions;
        this.gateway = gateway;
    }

    DashboardWindow window() {
        return window;
    }

    /** Decisions by model and task, and the outcomes callers reported, in the window. */
    DecisionStats.Mix mix() {
        if (mix == null) {
            mix = decisions.mix(window.from(), window.to());
        }
        return mix;
    }

    /** Gateway calls, errors and fallbacks in the window. */
    GatewayStats.Totals calls() {
        if (totals == null) {
            totals = gateway.totals(window.from(), window.to());
        }
        return totals;
    }
}
