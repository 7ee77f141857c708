-- Profiles whose requests first try a cheaper model and escalate when its answer fails a check (seed 004).
CREATE TABLE gateway_cascade (
    profile     TEXT PRIMARY KEY,
    cheap_model TEXT                                  -- NULL: the cheapest model that fits each request
);

-- System-prompt text added when a request lands on a model or a provider (seed 002's prompt adaptation).
CREATE TABLE gateway_prompt_template (
    id       INTEGER PRIMARY KEY,
    target   TEXT NOT NULL UNIQUE,                    -- a catalog model id, '<provider>/*', or '*'
    position TEXT NOT NULL,                           -- prepend or append to the system prompt
    text     TEXT NOT NULL,
    enabled  INTEGER NOT NULL DEFAULT 1
);
