package dev.routewise.catalog;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Batched writes for discovery runs: a sync of hundreds of models is a few batched statements,
 * not one round trip per row. Single-row edits go through the repository.
 */
@Repository
class CatalogWrites {

    private static final String INSERT = """
            INSERT INTO catalog_model (source_id, model_id, display_name, kind, cost_tier, tier_origin, input_price,
                output_price, cache_read_price, price_origin, context_tokens, max_output_tokens, context_origin,
                modalities, capabilities, capabilities_origin, enabled, manual_fields, origin, status, missing_since,
                provider_created_at, first_seen_at, last_seen_at, first_seen_run_id)
            VALUES (:sourceId, :modelId, :displayName, :kind, :costTier, :tierOrigin, :inputPrice, :outputPrice,
                :cacheReadPrice, :priceOrigin, :contextTokens, :maxOutputTokens, :contextOrigin, :modalities,
                :capabilities, :capabilitiesOrigin, :enabled, :manualFields, :origin, :status, :missingSince,
                :providerCreatedAt, :firstSeenAt, :lastSeenAt, :firstSeenRunId)
            """;

    private static final String UPDATE = """
            UPDATE catalog_model SET display_name = :displayName, kind = :kind, cost_tier = :costTier,
                tier_origin = :tierOrigin, input_price = :inputPrice, output_price = :outputPrice,
                cache_read_price = :cacheReadPrice, price_origin = :priceOrigin, context_tokens = :contextTokens,
                max_output_tokens = :maxOutputTokens, context_origin = :contextOrigin, modalities = :modalities,
                capabilities = :capabilities, capabilities_origin = :capabilitiesOrigin, enabled = :enabled,
                manual_fields = :manualFields, origin = :origin, status = :status, missing_since = :missingSince,
                provider_created_at = :providerCreatedAt, first_seen_at = :firstSeenAt, last_seen_at = :lastSeenAt,
                first_seen_run_id = :firstSeenRunId
            WHERE id = :id
            """;

    private final NamedParameterJdbcTemplate jdbc;

    CatalogWrites(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(List<ModelRow> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT, rows.stream().map(CatalogWrites::params).toArray(SqlParameterSource[]::new));
        }
    }

    void update(List<ModelRow> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(UPDATE, rows.stream().map(CatalogWrites::params).toArray(SqlParameterSource[]::new));
        }
    }

    /** Marks rows as seen by a run that found them unchanged. */
    void touch(List<Long> ids, Instant at) {
        for (int i = 0; i < ids.size(); i += 500) {
            jdbc.update("UPDATE catalog_model SET last_seen_at = :at WHERE id IN (:ids)",
                    new MapSqlParameterSource().addValue("at", at.toEpochMilli())
                            .addValue("ids", ids.subList(i, Math.min(ids.size(), i + 500))));
        }
    }

    private static MapSqlParameterSource params(ModelRow r) {
        return new MapSqlParameterSource()
                .addValue("id", r.id())
                .addValue("sourceId", r.sourceId())
                .addValue("modelId", r.modelId())
                .addValue("displayName", r.displayName())
                .addValue("kind", r.kind())
                .addValue("costTier", r.costTier())
                .addValue("tierOrigin", r.tierOrigin())
                .addValue("inputPrice", text(r.inputPrice()))
                .addValue("outputPrice", text(r.outputPrice()))
                .addValue("cacheReadPrice", text(r.cacheReadPrice()))
                .addValue("priceOrigin", r.priceOrigin())
                .addValue("contextTokens", r.contextTokens())
                .addValue("maxOutputTokens", r.maxOutputTokens())
                .addValue("contextOrigin", r.contextOrigin())
                .addValue("modalities", r.modalities())
                .addValue("capabilities", r.capabilities())
                .addValue("capabilitiesOrigin", r.capabilitiesOrigin())
                .addValue("enabled", r.enabled() ? 1 : 0)
                .addValue("manualFields", r.manualFields())
                .addValue("origin", r.origin())
                .addValue("status", r.status())
                .addValue("missingSince", millis(r.missingSince()))
                .addValue("providerCreatedAt", millis(r.providerCreatedAt()))
                .addValue("firstSeenAt", millis(r.firstSeenAt()))
                .addValue("lastSeenAt", millis(r.lastSeenAt()))
                .addValue("firstSeenRunId", r.firstSeenRunId());
    }

    /** Money as exact text, like the dialect writes it. */
    private static String text(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    private static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }
}
