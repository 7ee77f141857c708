package dev.routewise.routing;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Instant;

/** {@code GET /api/v1/stats} and {@code GET /api/v1/export} of ../shared/API.md, from the decision log. */
@RestController
@RequestMapping("/api/v1")
class StatsApiController {

    private final DecisionStats stats;
    private final DecisionExport export;

    StatsApiController(DecisionStats stats, DecisionExport export) {
        this.stats = stats;
        this.export = export;
    }

    @GetMapping("/stats")
    DecisionStats.Stats stats(@RequestParam(required = false) String period) {
        return stats.of(DecisionStats.Period.parse(period));
    }

    /** Streams the log straight to the response; problems (bad format, no access) are raised before any byte. */
    @GetMapping("/export")
    void export(@RequestParam(required = false) String format, @RequestParam(required = false) Instant from,
                @RequestParam(required = false) Instant to, HttpServletResponse response) throws IOException {
        DecisionExport.Prepared prepared = export.prepare(DecisionExport.Format.parse(format), from, to);
        response.setContentType(prepared.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(prepared.filename()).build().toString());
        prepared.writeTo(response.getOutputStream());
    }
}
