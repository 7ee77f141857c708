-- What the gateway saw of the models it called, for the router's learned history, kept small whatever the traffic:
-- successes and provider-side failures counted per model, task and hour, and the latencies of whole answers sampled
-- (at most one per model a second, the newest 500 per model kept). Written by the gateway's record writer.
CREATE TABLE model_observation (
    model     TEXT    NOT NULL,
    task      TEXT    NOT NULL,
    hour      INTEGER NOT NULL,                      -- epoch millis / 3,600,000
    successes INTEGER NOT NULL,
    failures  INTEGER NOT NULL,
    PRIMARY KEY (model, task, hour)
);
CREATE INDEX model_observation_hour ON model_observation (hour);

CREATE TABLE model_latency_sample (
    model       TEXT    NOT NULL,
    observed_at INTEGER NOT NULL,
    latency_ms  INTEGER NOT NULL
);
CREATE INDEX model_latency_sample_model ON model_latency_sample (model, observed_at);
