/**
 * The embedded SQLite database: where the file lives, how each connection is configured
 * (WAL, foreign keys, busy timeout), the Spring Data JDBC dialect SQLite lacks, the one-thread
 * batch writer, and the retention of raw records that features declare.
 */
package dev.routewise.base.db;
