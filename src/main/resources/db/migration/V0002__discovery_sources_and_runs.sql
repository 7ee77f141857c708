-- Provider sources the catalog is discovered from. API keys only ever stored encrypted (AES-GCM).
CREATE TABLE model_source (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL,
    slug           TEXT    NOT NULL UNIQUE,
    type           TEXT    NOT NULL CHECK (type IN ('openai', 'anthropic', 'google', 'groq', 'openrouter',
                                                   'vercel', 'ollama', 'openai-compatible')),
    base_url       TEXT    NOT NULL,
    api_key_cipher TEXT,
    api_key_hint   TEXT,
    doc_url        TEXT,
    enabled        INTEGER NOT NULL DEFAULT 1,
    schedule       TEXT,
    extra_headers  TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX model_source_name ON model_source (lower(name));

-- One row per discovery run of a source: what it changed, or why it changed nothing.
CREATE TABLE discovery_run (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES model_source (id) ON DELETE CASCADE,
    trigger     TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    status      TEXT    NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
    listed      INTEGER,
    added       INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    removed     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    error       TEXT
);
CREATE INDEX discovery_run_source ON discovery_run (source_id, started_at);
