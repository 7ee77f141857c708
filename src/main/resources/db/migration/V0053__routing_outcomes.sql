-- What happened after a decision, as the caller reports it.
CREATE TABLE decision_outcome (
    id             INTEGER PRIMARY KEY,
    decision_id    TEXT    NOT NULL REFERENCES routing_decision (decision_id) ON DELETE CASCADE,
    reported_at    INTEGER NOT NULL,
    model          TEXT,
    task           TEXT    NOT NULL,
    success        INTEGER NOT NULL,
    quality_rating INTEGER,
    latency_ms     INTEGER,
    input_tokens   INTEGER,
    output_tokens  INTEGER,
    cost_usd       TEXT,
    overridden_to  TEXT
);
CREATE INDEX decision_outcome_model ON decision_outcome (model, reported_at);
CREATE INDEX decision_outcome_decision ON decision_outcome (decision_id);
