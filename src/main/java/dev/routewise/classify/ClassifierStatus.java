package dev.routewise.classify;

import java.time.Instant;

/**
 * The classifier's state, for the console and the health of the embedding tier.
 *
 * @param embeddingsEnabled {@code routewise.classify.embeddings}
 * @param embeddingsReady   the embedding model is loaded and the combined model trained
 * @param modelLoadMillis   how long loading the embedding model took, null until loaded
 * @param trainedExamples   examples the current model was trained on
 * @param training          a retraining is queued or running
 * @param lastError         why the last load or training failed, if it did
 */
public record ClassifierStatus(boolean embeddingsEnabled, boolean embeddingsReady, String embeddingModel,
                               Long modelLoadMillis, int trainedExamples, Instant trainedAt, boolean training,
                               String lastError) {
}
