-- What a gateway call was expected to cost when admitted (held on its budgets before their margin), exact decimal,
-- so the ledger compares estimate and actual without waiting for the decision log.
ALTER TABLE gateway_call ADD COLUMN estimated_cost_usd TEXT;
