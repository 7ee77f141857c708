package dev.routewise.classify.engine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a {@link ClassifierModel} from task clusters: the keyword index, a signals-only softmax model
 * and, with an {@link Embedder}, the cluster centroids and a softmax model over signals + embedding +
 * centroid similarities. Embeddings of example prompts are cached, so retraining after an edit only
 * embeds what is new. Thread-safe; training itself takes a second or two and belongs off the request path.
 */
public final class ClassifierTrainer {

    static final double SIGNAL_L2 = 0.004;
    static final double FULL_L2 = 0.01;
    static final int ITERATIONS = 250;

    private final Map<String, float[]> embeddings = new ConcurrentHashMap<>();

    /** Trains on the clusters' examples; {@code embedder} may be null (signals only). */
    public ClassifierModel train(List<TaskCluster> clusters, Embedder embedder) {
        Map<TaskLabel, List<String>> keywordLists = new EnumMap<>(TaskLabel.class);
        clusters.forEach(c -> keywordLists.put(c.label(), c.keywords()));
        SignalExtractor extractor = new SignalExtractor(new KeywordIndex(keywordLists));

        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (TaskCluster cluster : clusters) {
            if (cluster.label() == TaskLabel.GENERAL) {
                continue;
            }
            for (String example : cluster.examples()) {
                if (example != null && !example.isBlank()) {
                    texts.add(example);
                    labels.add(cluster.label().ordinal());
                }
            }
        }
        int n = texts.size();
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        if (n == 0 || java.util.Arrays.stream(y).distinct().count() < 2) {
            throw new IllegalArgumentException("Training needs examples of at least two tasks");
        }
        float[][] signalX = new float[n][];
        for (int i = 0; i < n; i++) {
            signalX[i] = extractor.extract(texts.get(i)).features().clone();
            // cluster keywords are evidence with a fixed weight (TaskClassifier.KEYWORD_WEIGHT), not learned:
            // learned from a few examples their weights are erratic, and a new keyword has no example yet
            java.util.Arrays.fill(signalX[i], SignalExtractor.F_CLUSTER_KEYWORDS, SignalExtractor.FEATURES, 0f);
        }
        SoftmaxModel signalModel = SoftmaxModel.train(signalX, y, TaskLabel.COUNT, SIGNAL_L2, ITERATIONS);
        if (embedder == null) {
            return new ClassifierModel(extractor, signalModel, null, null, n, null);
        }

        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            vectors[i] = embeddings.computeIfAbsent(texts.get(i), embedder::embed);
        }
        int dim = vectors[0].length;
        double[][] sums = new double[TaskLabel.COUNT][dim];
        int[] counts = new int[TaskLabel.COUNT];
        for (int i = 0; i < n; i++) {
            counts[y[i]]++;
            for (int j = 0; j < dim; j++) {
                sums[y[i]][j] += vectors[i][j];
            }
        }
        float[][] centroids = new float[TaskLabel.COUNT][];
        for (int c = 0; c < TaskLabel.COUNT; c++) {
            centroids[c] = unit(sums[c], null, 0);
        }
        // similarities to leave-one-out centroids, or the model learns to trust a similarity it inflated itself
        float[][] fullX = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] x = new float[signalX[i].length + dim + TaskLabel.COUNT];
            System.arraycopy(signalX[i], 0, x, 0, signalX[i].length);
            System.arraycopy(vectors[i], 0, x, signalX[i].length, dim);
            for (int c = 0; c < TaskLabel.COUNT; c++) {
                float[] centroid = c == y[i] && counts[c] > 1 ? unit(sums[c], vectors[i], 1) : centroids[c];
                x[signalX[i].length + dim + c] = ClassifierModel.dot(vectors[i], centroid);
            }
            fullX[i] = x;
        }
        SoftmaxModel fullModel = SoftmaxModel.train(fullX, y, TaskLabel.COUNT, FULL_L2, ITERATIONS);
        return new ClassifierModel(extractor, signalModel, fullModel, centroids, n, embedder.name());
    }

    /** Forgets cached embeddings of texts no longer used. */
    public void retainOnly(List<TaskCluster> clusters) {
        java.util.Set<String> keep = new java.util.HashSet<>();
        clusters.forEach(c -> keep.addAll(c.examples()));
        embeddings.keySet().retainAll(keep);
    }

    private static float[] unit(double[] sum, float[] minus, int minusCount) {
        float[] v = new float[sum.length];
        double norm = 0;
        for (int j = 0; j < sum.length; j++) {
            double x = sum[j] - (minus == null ? 0 : minus[j] * minusCount);
            v[j] = (float) x;
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] /= (float) norm;
            }
        }
        return v;
    }
}
