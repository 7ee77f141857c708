package dev.routewise.classify.engine;

import dev.routewise.classify.ShippedClusters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real in-process embedding model (loaded once for this class) with the shipped clusters. */
class EmbeddingClassifierTest {

    private static MiniLmEmbedder embedder;
    private static TaskClassifier classifier;

    @BeforeAll
    static void loadAndTrain() {
        embedder = new MiniLmEmbedder();
        classifier = new TaskClassifier(new ClassifierTrainer().train(ShippedClusters.load(), embedder),
                ClassifierSettings.DEFAULTS);
        classifier.useEmbedder(embedder);
    }

    @Test
    void the_model_gives_unit_vectors_and_similar_prompts_are_closer_than_unrelated_ones() {
        float[] a = embedder.embed("Write a poem about the sea at night");
        float[] b = embedder.embed("Compose a short verse about the ocean under the moon");
        float[] c = embedder.embed("Fix the NullPointerException in my Java service");

        assertThat(a).hasSize(384);
        assertThat(ClassifierModel.dot(a, a)).isCloseTo(1f, org.assertj.core.data.Offset.offset(0.01f));
        assertThat(ClassifierModel.dot(a, b)).isGreaterThan(ClassifierModel.dot(a, c) + 0.2f);
    }

    @Test
    void a_prompt_without_decisive_signals_is_decided_by_the_embedding_tier() {
        Classification c = classifier.classify(ClassifyInput.ofPrompt(
                "What if the Roman Empire had never fallen? How would Europe look today?"));

        assertThat(classifier.embeddingsReady()).isTrue();
        assertThat(c.tier()).isEqualTo(Tier.EMBEDDING);
        assertThat(c.task()).isEqualTo(TaskLabel.ANALYSIS);
        assertThat(c.reasons()).anySatisfy(r -> assertThat(r).startsWith("embedding: nearest cluster"));
    }

    @Test
    void tricky_prompts_get_their_task_with_embeddings() {
        assertThat(classifier.classify(ClassifyInput.ofPrompt("Write a function that flattens nested lists in Python"))
                .task()).isEqualTo(TaskLabel.CODE);
        assertThat(classifier.classify(ClassifyInput.ofPrompt("Create a migration plan to move our CRM to Salesforce "
                + "within two quarters")).task()).isEqualTo(TaskLabel.PLANNING);
        assertThat(classifier.classify(ClassifyInput.ofPrompt("Give me five catchy names for a dog-walking business"))
                .task()).isEqualTo(TaskLabel.CREATIVE);
    }

    @Test
    void non_english_prompts_do_not_collapse_onto_translation() {
        List<String> prompts = List.of(
                "Schreibe eine kurze Geschichte über einen Leuchtturmwärter.",
                "¿Cuál es la capital de Argentina?",
                "Проанализируй причины инфляции в Европе и её последствия для экономики.",
                "用Python写一个快速排序函数。",
                "Calcule l'aire d'un cercle de rayon 4 cm.");

        List<TaskLabel> labels = prompts.stream().map(p -> classifier.classify(ClassifyInput.ofPrompt(p)).task()).toList();

        assertThat(labels).doesNotContain(TaskLabel.TRANSLATION);
        assertThat(labels).containsExactly(TaskLabel.CREATIVE, TaskLabel.SIMPLE_QA, TaskLabel.ANALYSIS, TaskLabel.CODE,
                TaskLabel.MATH);
    }
}
