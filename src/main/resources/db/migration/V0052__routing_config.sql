-- Router configuration chosen in the console or over the API.
CREATE TABLE router_setting (
    name       TEXT    PRIMARY KEY,
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT    NOT NULL
);

-- A model forced for one task within one profile (seed 000's per-task overrides).
CREATE TABLE task_override (
    profile    TEXT    NOT NULL,
    task       TEXT    NOT NULL,
    model      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT    NOT NULL,
    PRIMARY KEY (profile, task)
);
