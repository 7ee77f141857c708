-- Spend budgets (docs/spend.md): a limit in exact decimal USD per scope and period, with a policy
-- for what happens when a request would exceed it. Timestamps are UTC epoch milliseconds.
-- scope: global | team | key | user; scope_id is null for global, else the team name, API key id or user name.
-- period: day | month | request. warn_at: JSON array of fractions of the limit, e.g. [0.75,0.9].
CREATE TABLE budget (
    id         INTEGER PRIMARY KEY,
    scope      TEXT    NOT NULL,
    scope_id   TEXT,
    period     TEXT    NOT NULL,
    limit_usd  TEXT    NOT NULL,
    policy     TEXT    NOT NULL,
    warn_at    TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Settled spend of a budget in one calendar window; window_start is the window's first instant.
CREATE TABLE budget_spend (
    budget_id    INTEGER NOT NULL REFERENCES budget (id),
    window_start INTEGER NOT NULL,
    spent_usd    TEXT    NOT NULL,
    PRIMARY KEY (budget_id, window_start)
);
