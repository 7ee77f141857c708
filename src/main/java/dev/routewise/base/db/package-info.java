/**
 * The embedded SQLite database: where the file lives, how each connection is configured
 * (WAL, foreign keys, busy timeout) and the Spring Data JDBC dialect SQLite lacks.
 */
package dev.routewise.base.db;
