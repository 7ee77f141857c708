package dev.routewise.spend;

import dev.routewise.base.InvalidInputException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

/**
 * Cost reports over REST (../shared/API.md "Spend and stats", docs/spend.md "Cost reports"):
 * {@code GET /api/v1/costs?period=day|week|month&from=&to=&groupBy=...&format=json|csv}. JSON is the whole
 * {@link CostReport}; CSV is the grouped rows as a download with a header row. Roles are checked by the service.
 * {@code GET /api/v1/costs/suggestions}: the downgrade suggestions.
 */
@RestController
class CostApiController {

    private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final CostReportService reports;
    private final DowngradeAdvisor advisor;

    CostApiController(CostReportService reports, DowngradeAdvisor advisor) {
        this.reports = reports;
        this.advisor = advisor;
    }

    /** Cheaper models that did as well on a task, with the estimated monthly saving (docs/spend.md). */
    @GetMapping("/api/v1/costs/suggestions")
    List<DowngradeAdvisor.Suggestion> suggestions() {
        return advisor.suggestions();
    }

    @GetMapping("/api/v1/costs")
    ResponseEntity<?> costs(@RequestParam(required = false) String period,
                            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            @RequestParam(required = false) String groupBy,
                            @RequestParam(required = false) String format) {
        String as = format == null || format.isBlank() ? "json" : format.strip().toLowerCase(Locale.ROOT);
        if (!as.equals("json") && !as.equals("csv")) {
            throw new InvalidInputException("format", "Use json or csv, not '" + format + "'");
        }
        CostPeriod p = reports.period(period, from, to);
        CostDimension by = CostDimension.parse(groupBy);
        if (as.equals("json")) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(reports.report(p, by));
        }
        String filename = "routewise-costs-" + by.wire() + "-" + p.from() + "-to-" + p.to() + ".csv";
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build()
                        .toString())
                .body(reports.csv(p, by));
    }
}
