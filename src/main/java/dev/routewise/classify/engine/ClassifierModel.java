package dev.routewise.classify.engine;

/**
 * One trained, immutable snapshot: the signal extractor with the clusters' keywords, the signals-only
 * model, and (once embeddings are available) cluster centroids and the combined model. The classifier
 * swaps whole snapshots, so a request never sees half of a retraining.
 *
 * @param fullModel null until the embedding model has loaded and the combined model is trained
 * @param centroids per-label unit vectors, null without embeddings
 */
public record ClassifierModel(SignalExtractor extractor, SoftmaxModel signalModel, SoftmaxModel fullModel,
                              float[][] centroids, int examples, String embedder) {

    public boolean hasEmbeddings() {
        return fullModel != null && centroids != null;
    }

    /** Signal features, the embedding and the cosine similarity to each centroid, in one vector. */
    float[] combined(float[] signalFeatures, float[] embedding) {
        int s = signalFeatures.length;
        int e = embedding.length;
        float[] x = new float[s + e + centroids.length];
        System.arraycopy(signalFeatures, 0, x, 0, s);
        System.arraycopy(embedding, 0, x, s, e);
        for (int c = 0; c < centroids.length; c++) {
            x[s + e + c] = dot(embedding, centroids[c]);
        }
        return x;
    }

    double[] similarities(float[] embedding) {
        double[] sims = new double[centroids.length];
        for (int c = 0; c < centroids.length; c++) {
            sims[c] = dot(embedding, centroids[c]);
        }
        return sims;
    }

    static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
