-- Quality figures changed by the team: they replace the shipped row of the same model key, or add a model.
CREATE TABLE model_quality (
    model_key  TEXT    PRIMARY KEY,
    quality    REAL    NOT NULL,
    task_fit   TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT    NOT NULL
);
