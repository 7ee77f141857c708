-- Whom a gateway call was for (the end user from x-routewise-user or OpenAI's "user", else the caller) and its
-- team, so that spend can be attributed and budgets of scope user and team checked against the records.
ALTER TABLE gateway_call ADD COLUMN user_name TEXT;
ALTER TABLE gateway_call ADD COLUMN team TEXT;
CREATE INDEX gateway_call_user ON gateway_call (user_name, created_at);
CREATE INDEX gateway_call_team ON gateway_call (team, created_at);
