-- What the gateway saw of each model it called, for the router's learned history: success (a provider-side failure
-- counts as none) and, for whole answers, the latency. Written by the gateway's record writer, never on a request.
CREATE TABLE model_observation (
    id          INTEGER PRIMARY KEY,
    observed_at INTEGER NOT NULL,
    model       TEXT    NOT NULL,
    task        TEXT    NOT NULL,
    success     INTEGER NOT NULL,
    latency_ms  INTEGER
);
CREATE INDEX model_observation_at ON model_observation (observed_at);
