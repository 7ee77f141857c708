/** What every feature shares: domain exceptions, the database, the app shell and the web error format. */
package dev.routewise.base;
