/**
 * Spend and budgets: budgets per scope and period, enforced by reserving a call's estimated cost
 * before the upstream call and settling the actual cost after it; the cost ledger of every gateway call and
 * reported outcome with daily and monthly aggregates, savings against the top and premium models, and cost
 * reports (docs/spend.md). Alerts and the dashboard will live here too.
 */
package dev.routewise.spend;
