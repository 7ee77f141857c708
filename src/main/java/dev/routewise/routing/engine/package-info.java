/**
 * The routing decision core: eligibility filters, multi-factor scoring, per-task overrides and
 * fallback chains over a list of {@link dev.routewise.routing.engine.RouteCandidate}s, best a
 * {@link dev.routewise.routing.engine.PreparedCatalog} prepared once per catalog snapshot.
 * Plain Java without Spring or Vaadin, no I/O at decision time, safe to share between threads.
 */
package dev.routewise.routing.engine;
