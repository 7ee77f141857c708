-- Custom profiles, and edits of the built-in ones (a built-in without a row has its shipped settings).
CREATE TABLE router_profile (
    name            TEXT    PRIMARY KEY,
    description     TEXT    NOT NULL,
    built_in        INTEGER NOT NULL,
    w_capability    REAL    NOT NULL,
    w_cost          REAL    NOT NULL,
    w_quality       REAL    NOT NULL,
    w_latency       REAL    NOT NULL,
    w_historical    REAL    NOT NULL,
    tier_preference TEXT    NOT NULL,
    tier_weight     REAL    NOT NULL,
    pool            TEXT    NOT NULL,
    fallback_model  TEXT,
    updated_at      INTEGER NOT NULL,
    updated_by      TEXT    NOT NULL
);

-- Named workflows (seed 003): each stage maps to a model or a profile.
CREATE TABLE router_workflow_stage (
    workflow   TEXT    NOT NULL,
    stage      TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    model      TEXT,
    profile    TEXT,
    updated_at INTEGER NOT NULL,
    updated_by TEXT    NOT NULL,
    PRIMARY KEY (workflow, stage),
    CHECK ((model IS NULL) <> (profile IS NULL))
);
