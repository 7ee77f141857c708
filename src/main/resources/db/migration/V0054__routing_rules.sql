-- Routing rules (seed 003): evaluated in position order on every routing request, from an in-memory copy.
-- condition_text is the rule language of dev.routewise.routing.rules; it is validated before it is stored.
CREATE TABLE routing_rule (
    id             INTEGER PRIMARY KEY,
    position       INTEGER NOT NULL,
    name           TEXT    NOT NULL,
    description    TEXT    NOT NULL DEFAULT '',
    enabled        INTEGER NOT NULL DEFAULT 1,
    condition_text TEXT    NOT NULL,
    action_type    TEXT    NOT NULL CHECK (action_type IN ('use_model', 'use_profile', 'add_models',
                                                          'exclude_models', 'deny')),
    action_value   TEXT    NOT NULL,
    updated_at     INTEGER NOT NULL,
    updated_by     TEXT    NOT NULL
);
CREATE UNIQUE INDEX routing_rule_name ON routing_rule (lower(name));

-- The zone in which rules read the hour and weekday of a request.
INSERT INTO router_setting (name, value, updated_at, updated_by) VALUES ('rules-time-zone', 'UTC', 0, 'system');
