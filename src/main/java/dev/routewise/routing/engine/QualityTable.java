package dev.routewise.routing.engine;

import dev.routewise.catalog.CostTier;
import dev.routewise.classify.engine.TaskLabel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-model general quality (0..100) and per-task fit (0..1), looked up by model-name prefix so that
 * {@code openai/gpt-4o-2024-08-06} and {@code openrouter/openai/gpt-4o} both find {@code gpt-4o}.
 * The default table is the resource {@code routing/quality.csv} (Arena-Hard-Auto figures, see its header).
 * Immutable apart from a bounded memo of id lookups (ids come from the catalog, so it stays small);
 * thread-safe. Load once, outside any request.
 */
public final class QualityTable {

    /** Quality of a model the table does not know, by cost tier; unknown tier = the low default. */
    public static final Map<CostTier, Double> TIER_DEFAULT_QUALITY = Map.of(
            CostTier.LOW, 50.0, CostTier.MEDIUM, 65.0, CostTier.HIGH, 78.0);
    private static final double UNKNOWN_TIER_QUALITY = 50.0;
    public static final String RESOURCE = "routing/quality.csv";

    /** One row: a model-name prefix, its quality, where the figure comes from, and per-task fits. */
    public record Entry(String key, double quality, String source, Map<TaskLabel, Double> taskFit) {
        public Entry {
            Objects.requireNonNull(key, "key");
            if (!(quality >= 0 && quality <= 100)) {
                throw new IllegalArgumentException("quality of " + key + " must be in [0,100]: " + quality);
            }
            taskFit = taskFit.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(taskFit));
            for (var e : taskFit.entrySet()) {
                if (!(e.getValue() >= 0 && e.getValue() <= 1)) {
                    throw new IllegalArgumentException("task fit of " + key + " for " + e.getKey()
                            + " must be in [0,1]");
                }
            }
        }

        public double fit(TaskLabel task) {
            Double f = taskFit.get(task);
            return f != null ? f : quality / 100.0;
        }
    }

    private static final int MAX_MEMO = 10_000;

    private final List<Entry> byLengthDesc;
    private final ConcurrentHashMap<String, Optional<Entry>> memo = new ConcurrentHashMap<>();

    private QualityTable(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt((Entry e) -> e.key().length()).reversed().thenComparing(Entry::key));
        this.byLengthDesc = List.copyOf(sorted);
    }

    public static QualityTable of(List<Entry> entries) {
        return new QualityTable(entries);
    }

    /** Every entry, longest key first. */
    public List<Entry> entries() {
        return byLengthDesc;
    }

    /** A model name as the table's keys are written: lower case, '.' read as '-'. */
    public static String key(String modelName) {
        return normalise(modelName);
    }

    public static QualityTable empty() {
        return new QualityTable(List.of());
    }

    /** The table shipped with Routewise. */
    public static QualityTable loadDefault() {
        try (InputStream in = QualityTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static QualityTable parse(String csv) {
        try {
            return parse(new StringReader(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CSV with a header {@code model,quality,source,task_fit}; lines starting with # are comments. */
    public static QualityTable parse(Reader reader) throws IOException {
        List<Entry> entries = new ArrayList<>();
        BufferedReader in = new BufferedReader(reader);
        boolean header = true;
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] cols = t.split(",", -1);
            if (cols.length < 2) {
                throw new IllegalArgumentException("line " + lineNo + ": expected model,quality,source,task_fit");
            }
            int at = lineNo;
            Map<TaskLabel, Double> fits = new EnumMap<>(TaskLabel.class);
            if (cols.length > 3 && !cols[3].isBlank()) {
                for (String pair : cols[3].split(";")) {
                    String[] kv = pair.split("=", 2);
                    TaskLabel task = TaskLabel.fromId(kv[0]).orElseThrow(
                            () -> new IllegalArgumentException("line " + at + ": unknown task " + kv[0]));
                    fits.put(task, Double.parseDouble(kv[1].strip()));
                }
            }
            entries.add(new Entry(normalise(cols[0]), Double.parseDouble(cols[1].strip()),
                    cols.length > 2 ? cols[2].strip() : "", fits));
        }
        return new QualityTable(entries);
    }

    /** The entry whose key is the longest prefix of the id's last path segment, ending at a boundary. */
    public Optional<Entry> lookup(String modelId) {
        if (modelId == null) {
            return Optional.empty();
        }
        Optional<Entry> known = memo.get(modelId);
        if (known != null) {
            return known;
        }
        Optional<Entry> found = find(modelId);
        if (memo.size() < MAX_MEMO) {
            memo.put(modelId, found);
        }
        return found;
    }

    private Optional<Entry> find(String modelId) {
        String name = normalise(modelId.substring(modelId.lastIndexOf('/') + 1));
        for (Entry e : byLengthDesc) {
            String k = e.key();
            if (name.startsWith(k) && (name.length() == k.length() || isBoundary(name.charAt(k.length())))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** General quality 0..100: the table's figure, else the tier default. */
    public double quality(String modelId, CostTier tier) {
        return lookup(modelId).map(Entry::quality).orElseGet(() -> defaultQuality(tier));
    }

    /** How well the model fits the task, 0..1: the table's figure, else quality/100, else the tier default. */
    public double taskFit(String modelId, CostTier tier, TaskLabel task) {
        return lookup(modelId).map(e -> e.fit(task)).orElseGet(() -> defaultQuality(tier) / 100.0);
    }

    public boolean knows(String modelId) {
        return lookup(modelId).isPresent();
    }

    public int size() {
        return byLengthDesc.size();
    }

    public static double defaultQuality(CostTier tier) {
        // a switch, not a map lookup: this runs for every candidate of every decision
        if (tier == null) {
            return UNKNOWN_TIER_QUALITY;
        }
        return switch (tier) {
            case LOW -> 50.0;
            case MEDIUM -> 65.0;
            case HIGH -> 78.0;
        };
    }

    private static boolean isBoundary(char c) {
        return c == '-' || c == ':' || c == '@' || c == '_';
    }

    private static String normalise(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replace('.', '-');
    }
}
