package dev.routewise.classify.engine;

import java.util.Random;

/**
 * Multinomial logistic regression over standardised features: the "small calibrated linear model"
 * that combines signals (and embeddings) into per-label probabilities. Immutable once trained;
 * {@link #predict} allocates only the output array.
 */
public final class SoftmaxModel {

    private final float[][] weights;
    private final float[] bias;
    private final float[] mean;
    private final float[] scale;
    private final float temperature;

    private SoftmaxModel(float[][] weights, float[] bias, float[] mean, float[] scale, float temperature) {
        this.weights = weights;
        this.bias = bias;
        this.mean = mean;
        this.scale = scale;
        this.temperature = temperature;
    }

    public int features() {
        return mean.length;
    }

    public int classes() {
        return bias.length;
    }

    /** Per-class probabilities for one feature vector. */
    public double[] predict(float[] x) {
        int k = bias.length;
        int d = mean.length;
        double[] z = new double[k];
        for (int c = 0; c < k; c++) {
            float[] w = weights[c];
            double s = bias[c];
            for (int j = 0; j < d; j++) {
                s += w[j] * ((x[j] - mean[j]) * scale[j]);
            }
            z[c] = s / temperature;
        }
        softmaxInPlace(z);
        return z;
    }

    /** What each feature added to class {@code c}'s score for {@code x}, to explain a decision. */
    public double contribution(float[] x, int c, int j) {
        return weights[c][j] * ((x[j] - mean[j]) * scale[j]);
    }

    static void softmaxInPlace(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.exp(z[i] - max);
            sum += z[i];
        }
        for (int i = 0; i < z.length; i++) {
            z[i] /= sum;
        }
    }

    /**
     * Full-batch Adam on the cross-entropy with an L2 penalty. Deterministic for the same data:
     * the same examples always give the same model.
     */
    public static SoftmaxModel train(float[][] x, int[] y, int classes, double l2, int iterations) {
        int n = x.length;
        int d = x[0].length;
        float[] mean = new float[d];
        float[] scale = new float[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                double diff = row[j] - mean[j];
                scale[j] += (float) (diff * diff);
            }
        }
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(scale[j] / n);
            scale[j] = sd < 1e-6 ? 0f : (float) (1 / sd);
        }
        float[][] xs = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                xs[i][j] = (x[i][j] - mean[j]) * scale[j];
            }
        }
        // class weights: every label counts the same however many examples it has
        int[] perClass = new int[classes];
        for (int label : y) {
            perClass[label]++;
        }
        double[] classWeight = new double[classes];
        for (int c = 0; c < classes; c++) {
            classWeight[c] = perClass[c] == 0 ? 0 : (double) n / (classes * perClass[c]);
        }

        double[][] w = new double[classes][d];
        double[] b = new double[classes];
        double[][] mW = new double[classes][d];
        double[][] vW = new double[classes][d];
        double[] mB = new double[classes];
        double[] vB = new double[classes];
        Random random = new Random(42);
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < d; j++) {
                w[c][j] = random.nextGaussian() * 0.001;
            }
        }
        double lr = 0.05;
        double beta1 = 0.9;
        double beta2 = 0.999;
        double[][] gW = new double[classes][d];
        double[] gB = new double[classes];
        double[] z = new double[classes];
        for (int it = 1; it <= iterations; it++) {
            for (double[] row : gW) {
                java.util.Arrays.fill(row, 0);
            }
            java.util.Arrays.fill(gB, 0);
            for (int i = 0; i < n; i++) {
                float[] xi = xs[i];
                for (int c = 0; c < classes; c++) {
                    double s = b[c];
                    double[] wc = w[c];
                    for (int j = 0; j < d; j++) {
                        s += wc[j] * xi[j];
                    }
                    z[c] = s;
                }
                softmaxInPlace(z);
                double cw = classWeight[y[i]];
                for (int c = 0; c < classes; c++) {
                    double g = (z[c] - (c == y[i] ? 1 : 0)) * cw;
                    if (g == 0) {
                        continue;
                    }
                    gB[c] += g;
                    double[] gc = gW[c];
                    for (int j = 0; j < d; j++) {
                        gc[j] += g * xi[j];
                    }
                }
            }
            double corr1 = 1 - Math.pow(beta1, it);
            double corr2 = 1 - Math.pow(beta2, it);
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j < d; j++) {
                    double g = gW[c][j] / n + l2 * w[c][j];
                    mW[c][j] = beta1 * mW[c][j] + (1 - beta1) * g;
                    vW[c][j] = beta2 * vW[c][j] + (1 - beta2) * g * g;
                    w[c][j] -= lr * (mW[c][j] / corr1) / (Math.sqrt(vW[c][j] / corr2) + 1e-8);
                }
                double g = gB[c] / n;
                mB[c] = beta1 * mB[c] + (1 - beta1) * g;
                vB[c] = beta2 * vB[c] + (1 - beta2) * g * g;
                b[c] -= lr * (mB[c] / corr1) / (Math.sqrt(vB[c] / corr2) + 1e-8);
            }
        }
        float[][] wf = new float[classes][d];
        float[] bf = new float[classes];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < d; j++) {
                wf[c][j] = (float) w[c][j];
            }
            bf[c] = (float) b[c];
        }
        return new SoftmaxModel(wf, bf, mean, scale, 1f);
    }

    /** The same model with its probabilities softened ({@code t > 1}) or sharpened, for calibration. */
    public SoftmaxModel withTemperature(float t) {
        return new SoftmaxModel(weights, bias, mean, scale, t);
    }
}
