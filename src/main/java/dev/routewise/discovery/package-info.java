/**
 * Model sources (providers with their base URL and encrypted API key) and discovery: one
 * client per provider API, runs that change the catalog in one transaction or not at all,
 * scheduling, and run history.
 */
package dev.routewise.discovery;
