package dev.routewise.routing;

import dev.routewise.base.Csv;
import dev.routewise.base.InvalidInputException;
import dev.routewise.security.AppRoles;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The decision log as a file, one row per decision with its latest reported outcome. Rows are
 * written as the database returns them, so the log is never held in memory whole.
 */
@Service
public class DecisionExport {

    public enum Format {
        JSON("application/json", "json"), CSV("text/csv; charset=utf-8", "csv");

        private final String contentType;
        private final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        public static Format parse(String value) {
            if (value == null || value.isBlank()) {
                return JSON;
            }
            for (Format f : values()) {
                if (f.extension.equals(value.strip().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new InvalidInputException("format", "Export as json or csv, not '" + value + "'");
        }
    }

    /** The columns, in file order. */
    static final List<String> COLUMNS = List.of("time", "decisionId", "caller", "profile", "task", "complexity",
            "confidence", "tier", "model", "rule", "estimatedCostUsd", "latencyMicros", "outcomeReportedAt",
            "success", "qualityRating", "outcomeLatencyMs", "inputTokens", "outputTokens", "costUsd",
            "overriddenTo");

    /** An export ready to be written: checked for access on the caller's thread, written later. */
    public interface Prepared {
        String contentType();

        String filename();

        void writeTo(OutputStream out);
    }

    private static final String SELECT = """
            SELECT d.created_at, d.decision_id, d.caller, d.profile, d.task, d.complexity, d.confidence,
                   d.classifier_tier, d.model, d.rule, d.estimated_cost, d.latency_micros,
                   o.reported_at, o.success, o.quality_rating, o.latency_ms, o.input_tokens, o.output_tokens,
                   o.cost_usd, o.overridden_to
            FROM routing_decision d
            LEFT JOIN decision_outcome o
                   ON o.id = (SELECT max(o2.id) FROM decision_outcome o2 WHERE o2.decision_id = d.decision_id)
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    DecisionExport(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @RolesAllowed(AppRoles.VIEWER)
    public Prepared prepare(Format format, Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("to", "'to' must be after 'from'");
        }
        String filename = "routewise-decisions-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + "."
                + format.extension;
        return new Prepared() {
            @Override
            public String contentType() {
                return format.contentType;
            }

            @Override
            public String filename() {
                return filename;
            }

            @Override
            public void writeTo(OutputStream out) {
                if (format == Format.CSV) {
                    writeCsv(out, from, to);
                } else {
                    writeJson(out, from, to);
                }
            }
        };
    }

    private void writeCsv(OutputStream out, Instant from, Instant to) {
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            writer.write(Csv.row(COLUMNS));
            eachRow(from, to, values -> {
                List<String> fields = new ArrayList<>(values.size());
                values.values().forEach(v -> fields.add(v == null ? null : v.toString()));
                try {
                    writer.write(Csv.row(fields));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeJson(OutputStream out, Instant from, Instant to) {
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartArray();
            eachRow(from, to, values -> {
                generator.writeStartObject();
                values.forEach((name, value) -> {
                    generator.writeName(name);
                    switch (value) {
                        case null -> generator.writeNull();
                        case BigDecimal d -> generator.writeNumber(d);
                        case Long l -> generator.writeNumber(l);
                        case Integer i -> generator.writeNumber(i);
                        case Double d -> generator.writeNumber(d);
                        case Boolean b -> generator.writeBoolean(b);
                        default -> generator.writeString(value.toString());
                    }
                });
                generator.writeEndObject();
            });
            generator.writeEndArray();
        }
    }

    private void eachRow(Instant from, Instant to, java.util.function.Consumer<Map<String, Object>> sink) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (from != null) {
            where.add("d.created_at >= :from");
            params.put("from", from.toEpochMilli());
        }
        if (to != null) {
            where.add("d.created_at < :to");
            params.put("to", to.toEpochMilli());
        }
        String sql = SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY d.created_at, d.decision_id";
        jdbc.sql(sql).params(params).query((RowCallbackHandler) rs -> sink.accept(values(rs)));
    }

    private static Map<String, Object> values(ResultSet rs) throws SQLException {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("time", Instant.ofEpochMilli(rs.getLong(1)).toString());
        v.put("decisionId", rs.getString(2));
        v.put("caller", rs.getString(3));
        v.put("profile", rs.getString(4));
        v.put("task", rs.getString(5));
        v.put("complexity", rs.getString(6));
        v.put("confidence", rs.getDouble(7));
        v.put("tier", rs.getString(8));
        v.put("model", rs.getString(9));
        v.put("rule", rs.getString(10));
        v.put("estimatedCostUsd", decimal(rs.getString(11)));
        v.put("latencyMicros", rs.getLong(12));
        long reportedAt = rs.getLong(13);
        boolean reported = !rs.wasNull();
        v.put("outcomeReportedAt", reported ? Instant.ofEpochMilli(reportedAt).toString() : null);
        v.put("success", reported ? rs.getInt(14) == 1 : null);
        v.put("qualityRating", integer(rs, 15));
        v.put("outcomeLatencyMs", integer(rs, 16));
        v.put("inputTokens", integer(rs, 17));
        v.put("outputTokens", integer(rs, 18));
        v.put("costUsd", decimal(rs.getString(19)));
        v.put("overriddenTo", rs.getString(20));
        return v;
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
