/**
 * Task classification: what kind of task a prompt or chat is, how hard, and how sure. Owns the task
 * clusters (persisted, seeded from the shipped defaults), their training, {@code POST /api/v1/classify}
 * and, in {@code ui}, the Task clusters view. The engine itself is plain Java in {@code engine}.
 */
package dev.routewise.classify;
