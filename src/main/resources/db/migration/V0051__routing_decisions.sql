-- Every routing decision, written in batches by one writer off the request thread.
-- detail holds the full explained decision (candidates, factors, exclusions) as JSON.
CREATE TABLE routing_decision (
    decision_id          TEXT    PRIMARY KEY,
    created_at           INTEGER NOT NULL,
    profile              TEXT    NOT NULL,
    task                 TEXT    NOT NULL,
    complexity           TEXT    NOT NULL,
    confidence           REAL    NOT NULL,
    classifier_tier      TEXT    NOT NULL,
    model                TEXT,
    rule                 TEXT,
    estimated_cost       TEXT,
    latency_micros       INTEGER NOT NULL,
    caller               TEXT,
    detail               TEXT    NOT NULL
);
CREATE INDEX routing_decision_created ON routing_decision (created_at);
CREATE INDEX routing_decision_model ON routing_decision (model, created_at);
