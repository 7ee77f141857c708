package dev.routewise.spend;

import dev.routewise.base.Csv;
import dev.routewise.base.InvalidInputException;
import jakarta.annotation.security.PermitAll;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cost reports from the ledger's aggregates (never from raw entries): totals for a period, grouped by a dimension,
 * a daily series, the top users, teams and keys, and savings. Periods are calendar days in
 * {@code routewise.spend.time-zone}; whole months of a period are read from the monthly table, the other days from
 * the daily one. Unknown costs are shown apart, at their estimate, never as $0. Any signed-in user or key may read.
 */
@Service
public class CostReportService {

    /** The longest explicit period, so one request cannot ask for years of daily rows. */
    static final int MAX_DAYS = 366;
    /** How many users, teams and keys {@link #report} lists. */
    public static final int TOP = 5;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;

    CostReportService(JdbcClient jdbc, Clock clock, SpendProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = properties.timeZone();
    }

    /** Today in the spend time zone. */
    @PermitAll
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /**
     * The period of {@code ?period=&from=&to=}: explicit dates (ISO, both ends included) win; else day (today), week
     * (the last 7 days, today included) or month (this calendar month so far); default day.
     *
     * @throws InvalidInputException naming {@code period}, {@code from} or {@code to}
     */
    @PermitAll
    public CostPeriod period(String period, String from, String to) {
        LocalDate today = today();
        if (from != null && !from.isBlank() || to != null && !to.isBlank()) {
            LocalDate start = date("from", from);
            LocalDate end = date("to", to);
            if (end.isBefore(start)) {
                throw new InvalidInputException("to", "'to' must be on or after 'from'");
            }
            if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
                throw new InvalidInputException("to", "A report covers at most " + MAX_DAYS + " days");
            }
            return new CostPeriod("custom", start, end);
        }
        String name = period == null || period.isBlank() ? "day" : period.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "day" -> new CostPeriod(name, today, today);
            case "week" -> new CostPeriod(name, today.minusDays(6), today);
            case "month" -> new CostPeriod(name, today.withDayOfMonth(1), today);
            default -> throw new InvalidInputException("period", "Use day, week or month (or from and to), not '"
                    + period + "'");
        };
    }

    private static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "Give both 'from' and 'to' as dates, e.g. 2026-03-01");
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + text + "' is not a date like 2026-03-01");
        }
    }

    /** The period's figures per model and task (the key is model, task; '' for none), for the downgrade advisor. */
    Map<List<String>, CostFigures> byModelAndTask(CostPeriod period) {
        Map<List<String>, CostFigures> groups = new HashMap<>();
        for (Aggregate a : read(period)) {
            groups.merge(List.of(a.dimensions().get(CostDimension.MODEL.index()),
                    a.dimensions().get(CostDimension.TASK.index())), a.figures(), CostFigures::plus);
        }
        return groups;
    }

    /** Everything about a period: totals, rows grouped by {@code groupBy}, the daily series, savings, top lists. */
    @PermitAll
    public CostReport report(CostPeriod period, CostDimension groupBy) {
        List<Aggregate> rows = read(period);
        CostFigures total = sum(rows);
        return new CostReport(period, zone.getId(), groupBy, CostRow.of(null, total, share(total, total)),
                group(rows, groupBy, total), daily(period), Savings.of(total), top(rows, CostDimension.USER, TOP, total),
                top(rows, CostDimension.TEAM, TOP, total), top(rows, CostDimension.KEY, TOP, total));
    }

    /** The period's totals. */
    @PermitAll
    public CostRow totals(CostPeriod period) {
        CostFigures total = sum(read(period));
        return CostRow.of(null, total, share(total, total));
    }

    /** The period's calls grouped by one dimension, dearest first (known plus estimated cost, then calls). */
    @PermitAll
    public List<CostRow> breakdown(CostPeriod period, CostDimension groupBy) {
        List<Aggregate> rows = read(period);
        return group(rows, groupBy, sum(rows));
    }

    /** The {@code n} dearest users, teams or keys (calls without one are left out). */
    @PermitAll
    public List<CostRow> top(CostPeriod period, CostDimension dimension, int n) {
        List<Aggregate> rows = read(period);
        return top(rows, dimension, n, sum(rows));
    }

    /** Actual cost against always the profile's top model and always premium. */
    @PermitAll
    public Savings savings(CostPeriod period) {
        return Savings.of(sum(read(period)));
    }

    /** Every day of the period with its calls and cost, days without calls at zero. */
    @PermitAll
    public List<DailyCost> daily(CostPeriod period) {
        Map<LocalDate, CostFigures> byDay = new TreeMap<>();
        for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
            byDay.put(d, CostFigures.ZERO);
        }
        for (Aggregate a : query("cost_daily", "day", period.from().toString(), period.to().toString())) {
            byDay.merge(LocalDate.parse(a.period()), a.figures(), CostFigures::plus);
        }
        List<DailyCost> series = new ArrayList<>(byDay.size());
        byDay.forEach((day, f) -> series.add(new DailyCost(day, f.calls(), CostFigures.tidy(f.knownCostUsd()),
                f.unknownCostCalls(), CostFigures.tidy(f.unknownEstimateUsd()))));
        return series;
    }

    /** The rows of a breakdown as CSV, with a header row. */
    @PermitAll
    public String csv(CostPeriod period, CostDimension groupBy) {
        StringBuilder out = new StringBuilder(Csv.row(List.of(groupBy.wire(), "calls", "inputTokens",
                "cachedInputTokens", "cacheWriteTokens", "outputTokens", "reasoningTokens", "knownCostUsd",
                "unknownCostCalls", "unknownCostEstimateUsd", "share", "savingsCalls", "actualUsd", "topModelUsd",
                "premiumUsd", "savedVsTopModelUsd", "savedVsPremiumUsd")));
        for (CostRow r : breakdown(period, groupBy)) {
            TokenCounts t = r.tokens();
            Savings s = r.savings();
            out.append(Csv.row(List.of(r.key() == null ? "" : r.key(), Long.toString(r.calls()),
                    Long.toString(t.input()), Long.toString(t.cachedInput()), Long.toString(t.cacheWrite()),
                    Long.toString(t.output()), Long.toString(t.reasoning()), r.knownCostUsd().toPlainString(),
                    Long.toString(r.unknownCostCalls()), r.unknownCostEstimateUsd().toPlainString(),
                    r.share() == null ? "" : r.share().toPlainString(), Long.toString(s.calls()),
                    s.actualUsd().toPlainString(), s.topModelUsd().toPlainString(), s.premiumUsd().toPlainString(),
                    s.savedVsTopModelUsd().toPlainString(), s.savedVsPremiumUsd().toPlainString())));
        }
        return out.toString();
    }

    // ---- reading the aggregates ----

    /** One aggregate row: its day or month and dimensions, and its figures. */
    private record Aggregate(String period, List<String> dimensions, CostFigures figures) {
    }

    /**
     * The period's aggregate rows: the monthly rows of the months it covers whole (a month counts as covered up to
     * today, since nothing is recorded in the future) and the daily rows of its other days.
     */
    private List<Aggregate> read(CostPeriod period) {
        LocalDate today = today();
        YearMonth firstWhole = null;
        YearMonth lastWhole = null;
        for (YearMonth m = YearMonth.from(period.from()); !m.isAfter(YearMonth.from(period.to())); m = m.plusMonths(1)) {
            LocalDate end = m.atEndOfMonth().isAfter(today) ? today : m.atEndOfMonth();
            if (!period.from().isAfter(m.atDay(1)) && !period.to().isBefore(end)) {
                firstWhole = firstWhole == null ? m : firstWhole;
                lastWhole = m;
            }
        }
        List<Aggregate> rows = new ArrayList<>();
        if (firstWhole == null) {
            rows.addAll(query("cost_daily", "day", period.from().toString(), period.to().toString()));
            return rows;
        }
        rows.addAll(query("cost_monthly", "month", firstWhole.toString(), lastWhole.toString()));
        if (period.from().isBefore(firstWhole.atDay(1))) {
            rows.addAll(query("cost_daily", "day", period.from().toString(),
                    firstWhole.atDay(1).minusDays(1).toString()));
        }
        if (period.to().isAfter(lastWhole.atEndOfMonth())) {
            rows.addAll(query("cost_daily", "day", lastWhole.plusMonths(1).atDay(1).toString(),
                    period.to().toString()));
        }
        return rows;
    }

    private List<Aggregate> query(String table, String periodColumn, String from, String to) {
        return jdbc.sql("SELECT * FROM " + table + " WHERE " + periodColumn + " BETWEEN ? AND ?")
                .params(from, to)
                .query((rs, n) -> {
                    List<String> dims = new ArrayList<>(CostLedger.DIMENSIONS.size());
                    for (String column : CostLedger.DIMENSIONS) {
                        dims.add(rs.getString(column));
                    }
                    return new Aggregate(rs.getString(periodColumn), dims, CostLedger.figures(rs));
                }).list();
    }

    private static CostFigures sum(List<Aggregate> rows) {
        CostFigures total = CostFigures.ZERO;
        for (Aggregate a : rows) {
            total = total.plus(a.figures());
        }
        return total;
    }

    private static Map<String, CostFigures> byKey(List<Aggregate> rows, CostDimension d) {
        Map<String, CostFigures> groups = new HashMap<>();
        for (Aggregate a : rows) {
            groups.merge(a.dimensions().get(d.index()), a.figures(), CostFigures::plus);
        }
        return groups;
    }

    private static final Comparator<Map.Entry<String, CostFigures>> DEAREST_FIRST =
            Comparator.<Map.Entry<String, CostFigures>, BigDecimal>comparing(e -> e.getValue().likelyCostUsd())
                    .reversed()
                    .thenComparing(e -> e.getValue().calls(), Comparator.reverseOrder())
                    .thenComparing(Map.Entry::getKey);

    private static List<CostRow> group(List<Aggregate> rows, CostDimension d, CostFigures total) {
        return byKey(rows, d).entrySet().stream().sorted(DEAREST_FIRST)
                .map(e -> CostRow.of(e.getKey().isEmpty() ? null : e.getKey(), e.getValue(),
                        share(e.getValue(), total)))
                .toList();
    }

    private static List<CostRow> top(List<Aggregate> rows, CostDimension d, int n, CostFigures total) {
        if (n < 1) {
            throw new InvalidInputException("top", "List at least one");
        }
        return byKey(rows, d).entrySet().stream().filter(e -> !e.getKey().isEmpty()).sorted(DEAREST_FIRST).limit(n)
                .map(e -> CostRow.of(e.getKey(), e.getValue(), share(e.getValue(), total))).toList();
    }

    private static BigDecimal share(CostFigures part, CostFigures total) {
        BigDecimal whole = total.likelyCostUsd();
        return whole.signum() == 0 ? null : part.likelyCostUsd().divide(whole, 4, RoundingMode.HALF_UP);
    }
}
