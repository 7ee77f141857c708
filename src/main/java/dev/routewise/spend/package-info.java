/**
 * Spend and budgets: budgets per scope and period, enforced by reserving a call's estimated cost
 * before the upstream call and settling the actual cost after it (docs/spend.md). The cost ledger,
 * alerts and the dashboard will live here too.
 */
package dev.routewise.spend;
