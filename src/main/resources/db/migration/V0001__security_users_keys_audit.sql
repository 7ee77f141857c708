-- Team members who sign in to the console. Timestamps are UTC epoch milliseconds.
CREATE TABLE app_user (
    id                  INTEGER PRIMARY KEY,
    username            TEXT    NOT NULL,
    password_hash       TEXT    NOT NULL,
    role                TEXT    NOT NULL CHECK (role IN ('ADMIN', 'OPERATOR', 'VIEWER')),
    enabled             INTEGER NOT NULL DEFAULT 1,
    created_at          INTEGER NOT NULL,
    password_changed_at INTEGER NOT NULL,
    last_login_at       INTEGER
);
CREATE UNIQUE INDEX app_user_username ON app_user (lower(username));

-- API keys for /api/** and /v1/**: only a SHA-256 hash of the secret is kept.
CREATE TABLE api_key (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    prefix       TEXT    NOT NULL,
    secret_hash  TEXT    NOT NULL UNIQUE,
    role         TEXT    NOT NULL CHECK (role IN ('ADMIN', 'OPERATOR', 'VIEWER')),
    owner_id     INTEGER REFERENCES app_user (id),
    created_by   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
);

-- Security events: sign-ins, failures, user and key changes.
CREATE TABLE audit_event (
    id             INTEGER PRIMARY KEY,
    occurred_at    INTEGER NOT NULL,
    actor          TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    target         TEXT,
    detail         TEXT,
    remote_address TEXT
);
CREATE INDEX audit_event_occurred_at ON audit_event (occurred_at);
CREATE INDEX audit_event_action ON audit_event (action, occurred_at);
