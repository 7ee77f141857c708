-- Alerts raised when a settled call takes a budget's window spend across one of its warning thresholds
-- (docs/spend.md). One alert per budget, window and threshold: the unique key makes a repeated event (a restart, a
-- limit raised and crossed again) insert nothing. budget_created_at belongs to the key because SQLite may give a
-- deleted budget's id to the next budget created. No foreign key to budget: alerts are history and outlive it.
-- Amounts are exact decimals as text; timestamps UTC epoch milliseconds.
CREATE TABLE spend_alert (
    id                INTEGER PRIMARY KEY,
    budget_id         INTEGER NOT NULL,
    budget_created_at INTEGER NOT NULL,
    scope             TEXT    NOT NULL,             -- e.g. Team 'ml'
    period            TEXT    NOT NULL,             -- day | month
    window_start      INTEGER NOT NULL,
    threshold         TEXT    NOT NULL,             -- fraction of the limit; 1 = exhausted
    spent_usd         TEXT    NOT NULL,
    limit_usd         TEXT    NOT NULL,
    message           TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    acknowledged_at   INTEGER,
    acknowledged_by   TEXT,
    delivery          TEXT    NOT NULL,             -- webhook: pending | sent | failed | none
    attempts          INTEGER NOT NULL DEFAULT 0,
    last_error        TEXT,
    UNIQUE (budget_id, budget_created_at, window_start, threshold)
);
CREATE INDEX spend_alert_created ON spend_alert (created_at);
CREATE INDEX spend_alert_open ON spend_alert (acknowledged_at, created_at);

-- The one optional webhook alerts are posted to. The URL (it often carries a token, as Slack's do) is stored only
-- encrypted, with a masked hint to recognise it. last_* describe the latest delivery, an alert's or a test's.
CREATE TABLE alert_webhook (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    url_cipher         TEXT,
    url_hint           TEXT,
    enabled            INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    updated_by         TEXT,
    last_delivery_at   INTEGER,
    last_delivery      TEXT,                        -- sent | failed
    last_status        INTEGER,                     -- the HTTP status; NULL when none came
    last_error         TEXT
);
