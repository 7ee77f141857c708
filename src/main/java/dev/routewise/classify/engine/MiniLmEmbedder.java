package dev.routewise.classify.engine;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions) through ONNX Runtime, from the LangChain4j artifact that
 * carries the model file: nothing is downloaded. Loading takes about a second and ~300 MB of heap, so
 * callers load it off the request path. The model reads at most 128 word pieces; {@link EmbeddingText}
 * keeps the head and the tail of a long prompt within that.
 */
public final class MiniLmEmbedder implements Embedder {

    private final AllMiniLmL6V2QuantizedEmbeddingModel model;

    public MiniLmEmbedder() {
        // a direct executor: one text per call, and the ONNX session already uses every core
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
    }

    @Override
    public float[] embed(String text) {
        float[] v = model.embed(EmbeddingText.of(text)).content().vector();
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0 && Math.abs(norm - 1) > 1e-3) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) norm;
            }
        }
        return v;
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public String name() {
        return "all-MiniLM-L6-v2 (quantized, ONNX, in-process)";
    }
}
