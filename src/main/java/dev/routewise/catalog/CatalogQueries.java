package dev.routewise.catalog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads of the catalog with the source joined in: filtered, sorted and paged in SQL. */
@Repository
class CatalogQueries {

    private static final String SELECT = """
            SELECT m.*, s.slug AS source_slug, s.type AS source_type, s.name AS source_name,
                   (m.first_seen_run_id IS NOT NULL
                    AND m.first_seen_run_id = (SELECT max(r.id) FROM discovery_run r
                                               WHERE r.source_id = m.source_id AND r.status = 'ok')
                    AND EXISTS (SELECT 1 FROM discovery_run r2 WHERE r2.source_id = m.source_id
                                AND r2.status = 'ok' AND r2.id < m.first_seen_run_id)) AS is_new
            FROM catalog_model m JOIN model_source s ON s.id = m.source_id
            """;

    private final JdbcClient jdbc;

    CatalogQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<CatalogModel> find(ModelFilter filter, List<ModelSort> sorts, long offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        StringBuilder order = new StringBuilder();
        for (ModelSort sort : sorts) {
            order.append(order.isEmpty() ? " ORDER BY " : ", ").append(sort.column().sql)
                    .append(sort.descending() ? " DESC" : " ASC");
        }
        order.append(order.isEmpty() ? " ORDER BY " : ", ").append("m.id");
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql(SELECT + where + order + " LIMIT :limit OFFSET :offset").params(params)
                .query(CatalogQueries::map).list();
    }

    long count(ModelFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        return jdbc.sql("SELECT count(*) FROM catalog_model m JOIN model_source s ON s.id = m.source_id" + where)
                .params(params).query(Long.class).single();
    }

    java.util.Optional<CatalogModel> byRowId(long rowId) {
        return jdbc.sql(SELECT + " WHERE m.id = :id").param("id", rowId).query(CatalogQueries::map).optional();
    }

    java.util.Optional<CatalogModel> byRoutingId(String routingId) {
        int slash = routingId.indexOf('/');
        if (slash <= 0) {
            return java.util.Optional.empty();
        }
        return jdbc.sql(SELECT + " WHERE s.slug = :slug AND m.model_id = :model")
                .param("slug", routingId.substring(0, slash)).param("model", routingId.substring(slash + 1))
                .query(CatalogQueries::map).optional();
    }

    /** Provider slugs with their model counts, for filters. */
    Map<String, Long> providers() {
        Map<String, Long> result = new LinkedHashMap<>();
        jdbc.sql("SELECT s.slug, count(m.id) FROM model_source s LEFT JOIN catalog_model m ON m.source_id = s.id "
                        + "GROUP BY s.slug ORDER BY s.slug")
                .query((rs, n) -> result.put(rs.getString(1), rs.getLong(2))).list();
        return result;
    }

    private static String where(ModelFilter f, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        if (f.providers() != null && !f.providers().isEmpty()) {
            clauses.add("s.slug IN (:providers)");
            params.put("providers", List.copyOf(f.providers()));
        }
        if (f.tier() != null) {
            clauses.add("m.cost_tier = :tier");
            params.put("tier", f.tier().key());
        }
        if (f.unpriced()) {
            clauses.add("(m.input_price IS NULL OR m.output_price IS NULL)");
        }
        if (f.modality() != null) {
            clauses.add("(',' || m.modalities || ',') LIKE :modality");
            params.put("modality", "%," + f.modality().key() + ",%");
        }
        if (f.capability() != null) {
            clauses.add("(',' || m.capabilities || ',') LIKE :capability");
            params.put("capability", "%," + f.capability().key() + ",%");
        }
        if (f.kind() != null) {
            clauses.add("m.kind = :kind");
            params.put("kind", f.kind().key());
        }
        if (f.enabled() != null) {
            clauses.add("m.enabled = :enabled");
            params.put("enabled", f.enabled() ? 1 : 0);
        }
        if (f.status() != null && !f.status().isBlank()) {
            clauses.add("m.status = :status");
            params.put("status", f.status());
        }
        if (f.text() != null && !f.text().isBlank()) {
            clauses.add("(lower(s.slug || '/' || m.model_id) LIKE :text OR lower(m.display_name) LIKE :text)");
            params.put("text", "%" + f.text().strip().toLowerCase(java.util.Locale.ROOT) + "%");
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static CatalogModel map(ResultSet rs, int rowNum) throws SQLException {
        String slug = rs.getString("source_slug");
        String modelId = rs.getString("model_id");
        return new CatalogModel(rs.getLong("id"), slug + "/" + modelId, rs.getLong("source_id"), slug,
                rs.getString("source_type"), rs.getString("source_name"), modelId, rs.getString("display_name"),
                ModelKind.fromKey(rs.getString("kind")), tier(rs.getString("cost_tier")), rs.getString("tier_origin"),
                decimal(rs.getString("input_price")), decimal(rs.getString("output_price")),
                decimal(rs.getString("cache_read_price")), rs.getString("price_origin"),
                integer(rs, "context_tokens"), integer(rs, "max_output_tokens"),
                set(rs.getString("modalities"), Modality.class, Modality::fromKey),
                set(rs.getString("capabilities"), Capability.class, Capability::fromKey),
                rs.getInt("enabled") != 0, CatalogMerge.manualFields(rs.getString("manual_fields")),
                rs.getString("origin"), rs.getString("status"), instant(rs, "missing_since"),
                instant(rs, "first_seen_at"), instant(rs, "last_seen_at"), rs.getInt("is_new") != 0);
    }

    private static CostTier tier(String key) {
        return key == null ? null : CostTier.fromKey(key);
    }

    private static BigDecimal decimal(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static <E extends Enum<E>> Set<E> set(String csv, Class<E> type,
                                                  java.util.function.Function<String, E> parse) {
        EnumSet<E> set = EnumSet.noneOf(type);
        if (csv != null && !csv.isBlank()) {
            Arrays.stream(csv.split(",")).filter(s -> !s.isBlank()).map(parse).forEach(set::add);
        }
        return set;
    }

    static String csv(Set<? extends Enum<?>> values) {
        return values.stream().map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).sorted()
                .collect(Collectors.joining(","));
    }
}
