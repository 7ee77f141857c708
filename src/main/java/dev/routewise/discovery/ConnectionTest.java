package dev.routewise.discovery;

/** The result of "Test connection": how many models the source lists, or why it could not. */
public record ConnectionTest(boolean ok, int models, String sample, String error, long millis) {
}
