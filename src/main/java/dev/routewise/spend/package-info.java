/**
 * Spend and budgets: budgets per scope and period, enforced by reserving a call's estimated cost
 * before the upstream call and settling the actual cost after it; alerts raised once per budget,
 * window and threshold crossed, with the optional webhook they are posted to (docs/spend.md). The
 * cost ledger and the dashboard will live here too.
 */
package dev.routewise.spend;
