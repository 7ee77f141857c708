package dev.routewise.catalog;

/** A sort order for model lists: a {@link Column} and a direction. */
public record ModelSort(Column column, boolean descending) {

    public enum Column {
        NAME("m.display_name COLLATE NOCASE"),
        ID("s.slug || '/' || m.model_id"),
        PROVIDER("s.slug"),
        TIER("CASE m.cost_tier WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 4 END"),
        INPUT_PRICE("CAST(m.input_price AS REAL)"),
        OUTPUT_PRICE("CAST(m.output_price AS REAL)"),
        CONTEXT("m.context_tokens"),
        FIRST_SEEN("m.first_seen_at");

        final String sql;

        Column(String sql) {
            this.sql = sql;
        }
    }
}
