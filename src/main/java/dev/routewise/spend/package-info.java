/**
 * Spend and budgets: budgets per scope and period, enforced by reserving a call's estimated cost
 * before the upstream call and settling the actual cost after it; the cost ledger of every gateway call and
 * reported outcome with daily and monthly aggregates, savings against the top and premium models, and cost
 * reports; alerts raised once per budget, window and threshold crossed, with the optional webhook they are
 * posted to (docs/spend.md). The dashboard lives in {@code spend.ui}.
 */
package dev.routewise.spend;
