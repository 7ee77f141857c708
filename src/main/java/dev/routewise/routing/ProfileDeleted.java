package dev.routewise.routing;

/**
 * A custom profile was deleted (in the console, over REST or by a config import), inside the deleting transaction:
 * what other features keep per profile goes with it.
 */
public record ProfileDeleted(String name) {
}
