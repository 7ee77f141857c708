package dev.routewise.routing;

import dev.routewise.base.InvalidInputException;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.routing.engine.QualityTable;
import dev.routewise.security.AppRoles;
import dev.routewise.security.AuditAction;
import dev.routewise.security.AuditService;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The quality table routing scores with: the shipped figures (public benchmark scores, see routing/quality.csv)
 * with the team's edits laid over them. Held in memory and swapped whole on change.
 */
@Service
public class QualityService {

    static final String EDITED = "edited";
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9:_@-]{0,99}");

    /** One model key's figures as the console and the API show them. */
    public record QualityEntry(String key, double quality, Map<String, Double> taskFit, String source,
                               boolean edited) {
    }

    /** A change: the general quality 0..100 and optional per-task fits 0..1. */
    public record QualityChange(Double quality, Map<String, Double> taskFit) {
    }

    private final JdbcClient jdbc;
    private final AuditService audit;
    private final Clock clock;
    private final QualityTable shipped = QualityTable.loadDefault();
    private final AtomicReference<QualityTable> current = new AtomicReference<>();

    QualityService(JdbcClient jdbc, AuditService audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        reload();
    }

    /** The table decisions use right now. */
    public QualityTable current() {
        return current.get();
    }

    public List<QualityEntry> list() {
        Map<String, QualityTable.Entry> shippedByKey = new LinkedHashMap<>();
        shipped.entries().forEach(e -> shippedByKey.put(e.key(), e));
        List<QualityEntry> out = new ArrayList<>();
        for (QualityTable.Entry e : current.get().entries()) {
            Map<String, Double> fits = new LinkedHashMap<>();
            e.taskFit().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(f -> fits.put(f.getKey().id(), f.getValue()));
            out.add(new QualityEntry(e.key(), e.quality(), fits, e.source(), EDITED.equals(e.source())));
        }
        out.sort(Comparator.comparingDouble(QualityEntry::quality).reversed().thenComparing(QualityEntry::key));
        return out;
    }

    /** Sets a model key's figures (a shipped key is overridden, a new key added). */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public QualityEntry set(String modelKey, QualityChange change) {
        String key = modelKey == null ? "" : QualityTable.key(modelKey);
        if (!KEY.matcher(key).matches()) {
            throw new InvalidInputException("key", "Give the model's name as in its id, e.g. gpt-4o or "
                    + "claude-sonnet-4-5 (it matches dated and gateway ids too)");
        }
        if (change == null || change.quality() == null || !(change.quality() >= 0 && change.quality() <= 100)) {
            throw new InvalidInputException("quality", "Quality is a score from 0 to 100");
        }
        Map<TaskLabel, Double> fits = new EnumMap<>(TaskLabel.class);
        if (change.taskFit() != null) {
            for (var e : change.taskFit().entrySet()) {
                TaskLabel task = TaskLabel.fromId(e.getKey() == null ? "" : e.getKey().trim().toLowerCase(Locale.ROOT))
                        .orElseThrow(() -> new InvalidInputException("taskFit", "Unknown task '" + e.getKey() + "'"));
                if (e.getValue() == null || !(e.getValue() >= 0 && e.getValue() <= 1)) {
                    throw new InvalidInputException("taskFit." + task.id(), "A task fit is a share from 0 to 1");
                }
                fits.put(task, e.getValue());
            }
        }
        String before = describe(current.get().entries().stream().filter(e -> e.key().equals(key)).findFirst()
                .orElse(null));
        String fitText = String.join(";", fits.entrySet().stream().map(e -> e.getKey().id() + "=" + e.getValue())
                .toList());
        jdbc.sql("""
                INSERT INTO model_quality (model_key, quality, task_fit, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (model_key) DO UPDATE SET quality = excluded.quality, task_fit = excluded.task_fit,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .params(key, change.quality(), fitText, clock.millis(), actor()).update();
        reload();
        QualityTable.Entry after = current.get().entries().stream().filter(e -> e.key().equals(key)).findFirst()
                .orElseThrow();
        audit.recordChange(AuditAction.ROUTER_CHANGED, "quality " + key, before, describe(after));
        return list().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    }

    /** Drops the team's figures for a key: a shipped key gets its shipped figures back. */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public void reset(String modelKey) {
        String key = modelKey == null ? "" : QualityTable.key(modelKey);
        int removed = jdbc.sql("DELETE FROM model_quality WHERE model_key = ?").param(key).update();
        if (removed == 0) {
            throw new InvalidInputException("key", "'" + key + "' has no edited figures");
        }
        String before = describe(current.get().entries().stream().filter(e -> e.key().equals(key)).findFirst()
                .orElse(null));
        reload();
        audit.recordChange(AuditAction.ROUTER_CHANGED, "quality " + key, before, describe(current.get().entries()
                .stream().filter(e -> e.key().equals(key)).findFirst().orElse(null)));
    }

    private void reload() {
        Map<String, QualityTable.Entry> entries = new LinkedHashMap<>();
        shipped.entries().forEach(e -> entries.put(e.key(), e));
        jdbc.sql("SELECT model_key, quality, task_fit FROM model_quality").query((rs, n) -> {
            Map<TaskLabel, Double> fits = new EnumMap<>(TaskLabel.class);
            String text = rs.getString("task_fit");
            if (!text.isBlank()) {
                for (String part : text.split(";")) {
                    String[] kv = part.split("=");
                    TaskLabel.fromId(kv[0]).ifPresent(t -> fits.put(t, Double.parseDouble(kv[1])));
                }
            }
            return new QualityTable.Entry(rs.getString("model_key"), rs.getDouble("quality"), EDITED, fits);
        }).list().forEach(e -> entries.put(e.key(), e));
        current.set(QualityTable.of(List.copyOf(entries.values())));
    }

    private static String describe(QualityTable.Entry e) {
        if (e == null) {
            return null;
        }
        return String.format(Locale.ROOT, "%.1f (%s)%s", e.quality(), e.source(), e.taskFit().isEmpty() ? ""
                : " " + new java.util.TreeMap<>(e.taskFit()));
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
