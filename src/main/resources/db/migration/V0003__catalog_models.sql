-- Every model Routewise can route to, one row per (source, provider model id).
-- Prices are exact decimals in US dollars per million tokens, stored as TEXT; NULL = unpriced (never free).
-- *_origin columns say where a value came from: provider, catalog (LiteLLM), fallback, inferred, local, manual.
-- manual_fields lists the fields an operator set by hand (comma-separated); discovery never overwrites them.
CREATE TABLE catalog_model (
    id                      INTEGER PRIMARY KEY,
    source_id               INTEGER NOT NULL REFERENCES model_source (id) ON DELETE CASCADE,
    model_id                TEXT    NOT NULL,
    display_name            TEXT    NOT NULL,
    kind                    TEXT    NOT NULL DEFAULT 'chat',
    cost_tier               TEXT,
    tier_origin             TEXT,
    input_price             TEXT,
    output_price            TEXT,
    cache_read_price        TEXT,
    price_origin            TEXT,
    context_tokens          INTEGER,
    max_output_tokens       INTEGER,
    context_origin          TEXT,
    modalities              TEXT    NOT NULL DEFAULT 'text',
    capabilities            TEXT    NOT NULL DEFAULT '',
    capabilities_origin     TEXT,
    enabled                 INTEGER NOT NULL DEFAULT 1,
    manual_fields           TEXT    NOT NULL DEFAULT '',
    origin                  TEXT    NOT NULL CHECK (origin IN ('discovered', 'fallback')),
    status                  TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'missing', 'deprecated')),
    missing_since           INTEGER,
    provider_created_at     INTEGER,
    first_seen_at           INTEGER NOT NULL,
    last_seen_at            INTEGER NOT NULL,
    first_seen_run_id       INTEGER,
    UNIQUE (source_id, model_id)
);
CREATE INDEX catalog_model_tier ON catalog_model (cost_tier);
CREATE INDEX catalog_model_name ON catalog_model (display_name);

-- The price catalog (LiteLLM's model_prices_and_context_window.json format) an admin loaded;
-- without a row, the snapshot shipped in the jar is used.
CREATE TABLE price_catalog (
    id        INTEGER PRIMARY KEY,
    source    TEXT    NOT NULL,
    loaded_at INTEGER NOT NULL,
    loaded_by TEXT    NOT NULL,
    entries   INTEGER NOT NULL,
    content   TEXT    NOT NULL
);
