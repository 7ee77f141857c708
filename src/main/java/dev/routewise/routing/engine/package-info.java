/**
 * The routing decision core: eligibility filters, multi-factor scoring, per-task overrides and
 * fallback chains over a list of {@link dev.routewise.routing.engine.RouteCandidate}s.
 * Plain Java without Spring or Vaadin, no I/O at decision time, safe to share between threads.
 */
package dev.routewise.routing.engine;
