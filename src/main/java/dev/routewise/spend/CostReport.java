package dev.routewise.spend;

import java.util.List;

/**
 * The cost report of {@code GET /api/v1/costs} and the dashboard: a period's totals, its calls grouped by one
 * dimension (dearest first), the daily series, savings, and the top users, teams and API keys by cost.
 *
 * @param timeZone the zone whose calendar days the period and series are in
 */
public record CostReport(CostPeriod period, String timeZone, CostDimension groupBy, CostRow totals,
                         List<CostRow> rows, List<DailyCost> daily, Savings savings, List<CostRow> topUsers,
                         List<CostRow> topTeams, List<CostRow> topKeys) {

    public CostReport {
        rows = List.copyOf(rows);
        daily = List.copyOf(daily);
        topUsers = List.copyOf(topUsers);
        topTeams = List.copyOf(topTeams);
        topKeys = List.copyOf(topKeys);
    }
}
