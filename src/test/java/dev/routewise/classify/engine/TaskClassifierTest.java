package dev.routewise.classify.engine;

import dev.routewise.classify.ShippedClusters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The signals tier on tricky prompts, context, multi-turn, modalities and sizes (no embedding model). */
class TaskClassifierTest {

    private static TaskClassifier classifier;

    @BeforeAll
    static void train() {
        classifier = new TaskClassifier(new ClassifierTrainer().train(ShippedClusters.load(), null),
                ClassifierSettings.DEFAULTS);
    }

    private static Classification classify(String prompt) {
        return classifier.classify(ClassifyInput.ofPrompt(prompt));
    }

    private static TaskLabel task(String prompt) {
        return classify(prompt).task();
    }

    @Test
    void write_a_function_is_code() {
        assertThat(task("Write a function that returns the n-th prime number in Kotlin.")).isEqualTo(TaskLabel.CODE);
    }

    @Test
    void a_stack_trace_with_a_question_is_debugging() {
        assertThat(task("Explain this stack trace, what am I doing wrong?\n"
                + "Exception in thread \"main\" java.lang.ArrayIndexOutOfBoundsException: Index 5 out of bounds\n"
                + "\tat com.shop.Cart.total(Cart.java:31)\n\tat com.shop.Main.main(Main.java:9)"))
                .isEqualTo(TaskLabel.DEBUGGING);
    }

    @Test
    void create_a_migration_plan_is_planning_not_code() {
        assertThat(task("Create a migration plan for moving our billing database from Oracle to PostgreSQL "
                + "over three months.")).isEqualTo(TaskLabel.PLANNING);
    }

    @Test
    void given_code_to_look_over_is_a_review() {
        assertThat(task("Can you review this for security issues?\n```php\n$q = \"SELECT * FROM users WHERE id=\" "
                + ". $_GET['id'];\n```")).isEqualTo(TaskLabel.CODE_REVIEW);
    }

    @Test
    void a_word_problem_is_math() {
        assertThat(task("A shop sells pens at 3 for $2. How much do 27 pens cost?")).isEqualTo(TaskLabel.MATH);
    }

    @Test
    void text_to_translate_is_translation_and_a_foreign_question_is_not() {
        assertThat(task("Translate into Italian: 'The museum opens at nine.'")).isEqualTo(TaskLabel.TRANSLATION);
        assertThat(task("Quelle est la capitale de l'Australie ?")).isNotEqualTo(TaskLabel.TRANSLATION);
        assertThat(task("Schreibe ein Gedicht über den Sommer am Meer.")).isEqualTo(TaskLabel.CREATIVE);
    }

    @Test
    void a_pasted_text_with_tldr_is_summarization() {
        assertThat(task("TL;DR:\n\nThe board met on Monday and approved the new budget. Marketing gets 10% more, "
                + "travel is frozen until June, and hiring continues for engineering only.")).isEqualTo(TaskLabel.SUMMARIZATION);
    }

    @Test
    void a_greeting_is_simple_qa_and_simple() {
        Classification c = classify("hi there!");

        assertThat(c.task()).isEqualTo(TaskLabel.SIMPLE_QA);
        assertThat(c.complexity()).isEqualTo(Complexity.SIMPLE);
        assertThat(c.signals().greeting()).isTrue();
    }

    @Test
    void scores_cover_the_ten_labels_and_sum_to_one() {
        Classification c = classify("Compare Redis and Memcached for session storage.");

        assertThat(c.scores()).hasSize(10);
        assertThat(c.scores().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(c.confidence()).isEqualTo(c.score(c.task()));
        assertThat(c.tier()).isEqualTo(Tier.SIGNALS);
    }

    @Test
    void a_production_design_with_constraints_is_harder_than_a_lookup() {
        Classification lookup = classify("What is the capital of Peru?");
        Classification design = classify("Design a distributed, multi-region payment ledger for production: it must "
                + "guarantee exactly-once processing, survive a region outage with zero data loss, keep p99 latency "
                + "under 50 ms, and pass a PCI audit. Explain the consistency trade-offs step by step and propose a "
                + "migration plan from our current single PostgreSQL instance.");

        assertThat(design.complexityScore()).isGreaterThan(lookup.complexityScore() + 0.4);
        assertThat(design.complexity()).isIn(Complexity.COMPLEX, Complexity.CRITICAL);
        assertThat(lookup.complexity()).isEqualTo(Complexity.SIMPLE);
        assertThat(design.estimatedOutputTokens()).isGreaterThan(lookup.estimatedOutputTokens());
    }

    @Test
    void an_explicit_task_decides() {
        Classification c = classifier.classify(new ClassifyInput(List.of(ChatMessage.user("hello")),
                new ExplicitContext(TaskLabel.PLANNING, null, null, null, null)));

        assertThat(c.task()).isEqualTo(TaskLabel.PLANNING);
        assertThat(c.tier()).isEqualTo(Tier.CONTEXT);
        assertThat(c.confidence()).isEqualTo(1.0);
    }

    @Test
    void a_coding_space_picks_code_when_nothing_is_confident_and_an_area_lock_is_reported() {
        Classification vague = classifier.classify(new ClassifyInput(List.of(ChatMessage.user("hmm, ok")),
                new ExplicitContext(null, "coding", "Bug fixes", "anthropic/claude-sonnet-4-5", null)));

        assertThat(vague.tier()).isEqualTo(Tier.CONTEXT);
        assertThat(vague.lockedModel()).isEqualTo("anthropic/claude-sonnet-4-5");
        assertThat(vague.reasons()).anySatisfy(r -> assertThat(r).contains("locks model"));
    }

    @Test
    void sensitive_data_or_a_policy_restricts_routing_to_approved_models() {
        Classification card = classify("Refund the customer with card 4111 1111 1111 1111, email bob@example.com");
        Classification policy = classifier.classify(new ClassifyInput(List.of(ChatMessage.user("Write a haiku")),
                new ExplicitContext(null, null, null, null, ExplicitContext.APPROVED_ONLY)));
        Classification clean = classify("Write a haiku about rain");

        assertThat(card.restricted()).isTrue();
        assertThat(card.sensitiveData().kinds()).containsExactly("email", "cardNumber");
        assertThat(policy.restricted()).isTrue();
        assertThat(clean.restricted()).isFalse();
    }

    @Test
    void a_follow_up_keeps_the_previous_task() {
        Classification c = classifier.classify(ClassifyInput.ofMessages(
                ChatMessage.user("Write a Python function that parses ISO 8601 dates into datetime objects."),
                ChatMessage.assistant("def parse(s): ..."),
                ChatMessage.user("now do it in Rust")));

        assertThat(c.task()).isEqualTo(TaskLabel.CODE);
        assertThat(c.signals().followUp()).isTrue();
    }

    @Test
    void a_follow_up_of_a_poem_stays_creative_unless_it_asks_for_a_translation() {
        ChatMessage poem = ChatMessage.user("Write a poem about the harbour at night.");
        ChatMessage answer = ChatMessage.assistant("The harbour sleeps beneath the moon...");

        assertThat(classifier.classify(ClassifyInput.ofMessages(poem, answer, ChatMessage.user("make it shorter")))
                .task()).isEqualTo(TaskLabel.CREATIVE);
        assertThat(classifier.classify(ClassifyInput.ofMessages(poem, answer,
                ChatMessage.user("now translate it into German"))).task()).isEqualTo(TaskLabel.TRANSLATION);
    }

    @Test
    void system_and_tool_messages_do_not_decide_the_task() {
        Classification c = classifier.classify(ClassifyInput.ofMessages(
                ChatMessage.system("You are a translator. Translate everything into German."),
                new ChatMessage("tool", List.of(ChatMessage.Part.text("Traceback (most recent call last):\n"
                        + "  File \"x.py\", line 1\nValueError: bad"))),
                ChatMessage.user("Write a haiku about autumn leaves.")));

        assertThat(c.task()).isEqualTo(TaskLabel.CREATIVE);
        assertThat(c.signals().stackTrace()).isFalse();
    }

    @Test
    void image_audio_and_file_parts_are_required_modalities_and_images_add_tokens() {
        ChatMessage user = new ChatMessage("user", List.of(ChatMessage.Part.text("What is in this picture?"),
                new ChatMessage.Part(Modality.IMAGE, ""), new ChatMessage.Part(Modality.AUDIO, ""),
                new ChatMessage.Part(Modality.FILE, "")));

        Classification c = classifier.classify(ClassifyInput.ofMessages(user));

        assertThat(c.requiredModalities()).containsExactly(Modality.TEXT, Modality.IMAGE, Modality.AUDIO, Modality.FILE);
        assertThat(c.estimatedInputTokens()).isGreaterThan(TokenEstimator.IMAGE_TOKENS);
        assertThat(Modality.ofPartType("image_url")).isEqualTo(Modality.IMAGE);
        assertThat(Modality.ofPartType("input_audio")).isEqualTo(Modality.AUDIO);
        assertThat(Modality.ofPartType("file")).isEqualTo(Modality.FILE);
    }

    @Test
    void input_tokens_count_every_message_and_a_word_limit_sets_the_output_estimate() {
        Classification c = classifier.classify(ClassifyInput.ofMessages(
                ChatMessage.system("You are a helpful assistant. ".repeat(40)),
                ChatMessage.user("Write a 300 words story about a fox.")));

        assertThat(c.estimatedInputTokens()).isBetween(200, 400);
        assertThat(c.estimatedOutputTokens()).isEqualTo(405);
    }

    @Test
    void a_newly_installed_model_is_used_by_the_next_request() {
        TaskClassifier own = new TaskClassifier(classifier.model(), ClassifierSettings.DEFAULTS);
        List<TaskCluster> clusters = new java.util.ArrayList<>(ShippedClusters.load());
        clusters.replaceAll(c -> c.label() == TaskLabel.CREATIVE ? new TaskCluster(c.label(), c.description(),
                List.of("zorblax"), c.examples()) : c);

        double before = own.classify(ClassifyInput.ofPrompt("A zorblax about my cat, a zorblax please")).score(TaskLabel.CREATIVE);

        own.install(new ClassifierTrainer().train(clusters, null));

        Classification after = own.classify(ClassifyInput.ofPrompt("A zorblax about my cat, a zorblax please"));
        assertThat(after.score(TaskLabel.CREATIVE)).isGreaterThan(before + 0.2);
    }
}
