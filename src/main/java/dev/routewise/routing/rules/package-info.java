/**
 * Routing rules: a small, safe condition language over a fixed set of request fields (no scripting engine,
 * no reflection), the actions a matching rule takes, and ordered rule sets evaluated on every routing request.
 * Plain Java without Spring or Vaadin; compiled once when rules change, evaluated without I/O.
 */
package dev.routewise.routing.rules;
