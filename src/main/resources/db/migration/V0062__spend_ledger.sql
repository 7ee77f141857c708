-- The cost ledger (docs/spend.md "Ledger"): one entry per routing decision that cost something, from the gateway
-- (source 'gateway') or from a client's reported outcome of a decision it executed itself (source 'outcome').
-- Money is exact decimal text, never REAL; NULL actual cost = unknown (cost_status unknown_usage or unpriced), which
-- reports show apart at the estimate, never as $0. Timestamps are UTC epoch milliseconds.
-- top_model / premium_model: the savings baselines' models and what the same tokens cost on them (NULL = unknown).
CREATE TABLE cost_entry (
    decision_id         TEXT    PRIMARY KEY,
    created_at          INTEGER NOT NULL,
    source              TEXT    NOT NULL,
    model               TEXT,
    provider            TEXT,
    task                TEXT,
    profile             TEXT,
    user_name           TEXT,
    team                TEXT,
    api_key_id          INTEGER,
    input_tokens        INTEGER,
    cached_input_tokens INTEGER,
    cache_write_tokens  INTEGER,
    output_tokens       INTEGER,
    reasoning_tokens    INTEGER,
    estimated_cost_usd  TEXT,
    actual_cost_usd     TEXT,
    cost_status         TEXT    NOT NULL,
    top_model           TEXT,
    top_model_usd       TEXT,
    premium_model       TEXT,
    premium_usd         TEXT
);
CREATE INDEX cost_entry_created ON cost_entry (created_at);

-- Daily and monthly sums of the entries per calendar day / month in routewise.spend.time-zone, written in the same
-- transaction as the entries. Dimensions hold '' for none (keys cannot hold NULL). known_cost_usd sums the known
-- actual costs; unknown_cost_calls and unknown_estimate_usd count the others at their estimate (unestimated_calls:
-- those without one). savings_*: over calls with a known cost and both baselines, actual cost vs the same tokens on
-- the profile's top model (top_model_usd) and on premium's (premium_usd).
CREATE TABLE cost_daily (
    day                  TEXT    NOT NULL,
    model                TEXT    NOT NULL,
    provider             TEXT    NOT NULL,
    task                 TEXT    NOT NULL,
    profile              TEXT    NOT NULL,
    user_name            TEXT    NOT NULL,
    team                 TEXT    NOT NULL,
    api_key_id           TEXT    NOT NULL,
    calls                INTEGER NOT NULL,
    input_tokens         INTEGER NOT NULL,
    cached_input_tokens  INTEGER NOT NULL,
    cache_write_tokens   INTEGER NOT NULL,
    output_tokens        INTEGER NOT NULL,
    reasoning_tokens     INTEGER NOT NULL,
    known_cost_usd       TEXT    NOT NULL,
    unknown_cost_calls   INTEGER NOT NULL,
    unknown_estimate_usd TEXT    NOT NULL,
    unestimated_calls    INTEGER NOT NULL,
    savings_calls        INTEGER NOT NULL,
    savings_actual_usd   TEXT    NOT NULL,
    top_model_usd        TEXT    NOT NULL,
    premium_usd          TEXT    NOT NULL,
    PRIMARY KEY (day, model, provider, task, profile, user_name, team, api_key_id)
);

CREATE TABLE cost_monthly (
    month                TEXT    NOT NULL,
    model                TEXT    NOT NULL,
    provider             TEXT    NOT NULL,
    task                 TEXT    NOT NULL,
    profile              TEXT    NOT NULL,
    user_name            TEXT    NOT NULL,
    team                 TEXT    NOT NULL,
    api_key_id           TEXT    NOT NULL,
    calls                INTEGER NOT NULL,
    input_tokens         INTEGER NOT NULL,
    cached_input_tokens  INTEGER NOT NULL,
    cache_write_tokens   INTEGER NOT NULL,
    output_tokens        INTEGER NOT NULL,
    reasoning_tokens     INTEGER NOT NULL,
    known_cost_usd       TEXT    NOT NULL,
    unknown_cost_calls   INTEGER NOT NULL,
    unknown_estimate_usd TEXT    NOT NULL,
    unestimated_calls    INTEGER NOT NULL,
    savings_calls        INTEGER NOT NULL,
    savings_actual_usd   TEXT    NOT NULL,
    top_model_usd        TEXT    NOT NULL,
    premium_usd          TEXT    NOT NULL,
    PRIMARY KEY (month, model, provider, task, profile, user_name, team, api_key_id)
);
