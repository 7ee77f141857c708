package dev.routewise.routing;

import java.time.Instant;

/** Which logged decisions to list; every part optional. */
public record DecisionFilter(String model, String task, String profile, String caller, Instant from, Instant to) {
}
