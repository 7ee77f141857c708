-- Task clusters of the classifier, one per task label: a description and keywords (one per line)
-- that feed the signal tier. Timestamps are UTC epoch milliseconds.
CREATE TABLE classify_cluster (
    id          INTEGER PRIMARY KEY,
    label       TEXT    NOT NULL UNIQUE,
    description TEXT    NOT NULL,
    keywords    TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT    NOT NULL
);

-- Example prompts of each cluster, from which centroids and the linear models are trained.
-- The shipped examples are seeded on first start (shipped = 1); the team adds its own.
CREATE TABLE classify_example (
    id         INTEGER PRIMARY KEY,
    label      TEXT    NOT NULL REFERENCES classify_cluster (label),
    text       TEXT    NOT NULL,
    shipped    INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    created_by TEXT    NOT NULL
);
CREATE INDEX classify_example_label ON classify_example (label, id);
