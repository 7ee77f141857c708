-- What the gateway did for each request: the call (one per routing decision) and each attempt on a provider.
-- Costs are exact decimals as text; NULL cost means unknown (no usage reported, or the model has no price).
CREATE TABLE gateway_call (
    decision_id        TEXT PRIMARY KEY,
    created_at         INTEGER NOT NULL,            -- epoch millis
    caller             TEXT,
    api_key_id         INTEGER,
    requested_model    TEXT NOT NULL,
    profile            TEXT,
    task               TEXT,
    model              TEXT,                         -- the model that answered; NULL when none did
    provider           TEXT,
    stream             INTEGER NOT NULL,
    status             INTEGER NOT NULL,             -- the HTTP status the client got
    outcome            TEXT NOT NULL,                -- ok, failed, rejected, cancelled, broken, no_model
    error              TEXT,
    attempts           INTEGER NOT NULL,
    fallbacks          INTEGER NOT NULL,
    latency_ms         INTEGER NOT NULL,
    ttft_ms            INTEGER,
    input_tokens       INTEGER,
    output_tokens      INTEGER,
    cached_tokens      INTEGER,
    cache_write_tokens INTEGER,
    reasoning_tokens   INTEGER,
    cost_usd           TEXT,
    cost_status        TEXT NOT NULL                 -- known, unknown_usage, unpriced, none
);
CREATE INDEX gateway_call_created ON gateway_call (created_at);

CREATE TABLE gateway_attempt (
    decision_id  TEXT NOT NULL REFERENCES gateway_call (decision_id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    model        TEXT NOT NULL,
    provider     TEXT,
    started_at   INTEGER NOT NULL,
    status       INTEGER,                            -- the provider's HTTP status; NULL when none came
    outcome      TEXT NOT NULL,                      -- ok, failed, skipped, broken, cancelled, rejected
    error_class  TEXT,                               -- transient, quota, context_length, ..., cooling_down, rate_limited
    error        TEXT,
    latency_ms   INTEGER,
    ttft_ms      INTEGER,
    input_tokens  INTEGER,
    output_tokens INTEGER,
    cost_usd     TEXT,
    PRIMARY KEY (decision_id, seq)
);

-- Models rested after failures and limits read from providers: the console's fallback and rate-limit events.
CREATE TABLE gateway_event (
    id          INTEGER PRIMARY KEY,
    created_at  INTEGER NOT NULL,
    kind        TEXT NOT NULL,                       -- cooldown, rate_limited
    model       TEXT NOT NULL,
    until_at    INTEGER,
    detail      TEXT
);
CREATE INDEX gateway_event_created ON gateway_event (created_at);

-- Configured request and token limits per model, kept below before a provider answers 429.
CREATE TABLE gateway_model_limit (
    model_id TEXT PRIMARY KEY,
    rpm      INTEGER,
    tpm      INTEGER
);
