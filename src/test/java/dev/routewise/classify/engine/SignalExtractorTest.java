package dev.routewise.classify.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignalExtractorTest {

    private final SignalExtractor extractor = new SignalExtractor(KeywordIndex.EMPTY);

    private Signals signals(String text) {
        return extractor.extract(text).signals();
    }

    @Test
    void a_fenced_block_is_code_and_its_lines_are_counted() {
        Signals s = signals("Refactor this:\n```python\ndef f(x):\n    return x * 2\n```");

        assertThat(s.codeBlock()).isTrue();
        assertThat(s.codeLines()).isEqualTo(2);
        assertThat(s.intents()).contains("write");
    }

    @Test
    void inline_code_and_file_names_are_seen() {
        Signals s = signals("Why does `npm test` fail in src/app.ts but not in utils.js?");

        assertThat(s.inlineCode()).isEqualTo(1);
        assertThat(s.fileNames()).isTrue();
        assertThat(s.question()).isTrue();
    }

    @Test
    void abbreviations_and_versions_are_not_file_names() {
        assertThat(signals("Use e.g. a map, i.e. a dictionary, in version 2.5 of the tool.").fileNames()).isFalse();
    }

    @Test
    void java_python_and_go_stack_traces_are_recognised() {
        assertThat(signals("Exception in thread \"main\" java.lang.IllegalStateException: boom\n"
                + "\tat com.acme.App.run(App.java:12)").stackTrace()).isTrue();
        assertThat(signals("Traceback (most recent call last):\n  File \"x.py\", line 3, in <module>\n"
                + "KeyError: 'id'").stackTrace()).isTrue();
        assertThat(signals("panic: runtime error: index out of range\n\ngoroutine 1 [running]:").stackTrace())
                .isTrue();
        assertThat(signals("At the end of the day, (honestly) it works.").stackTrace()).isFalse();
    }

    @Test
    void log_lines_with_time_and_level_are_recognised() {
        Signals s = signals("2024-05-02 10:14:03 WARN  consumer poll timeout\n"
                + "2024-05-02 10:14:04 ERROR leaving group\nWhat does this mean?");

        assertThat(s.logLines()).isTrue();
    }

    @Test
    void the_human_language_is_detected_for_latin_and_other_scripts() {
        assertThat(signals("Kannst du mir bitte erklären, wie das funktioniert und was ich tun soll?").language())
                .isEqualTo("de");
        assertThat(signals("Peux-tu m'expliquer comment faire une tarte aux pommes pour ce soir ?").language())
                .isEqualTo("fr");
        assertThat(signals("¿Puedes explicarme cómo funciona el sistema de pensiones en España?").language())
                .isEqualTo("es");
        assertThat(signals("请解释一下这个函数是做什么的").language()).isEqualTo("zh");
        assertThat(signals("日本の首都はどこですか？").language()).isEqualTo("ja");
        assertThat(signals("Объясни, пожалуйста, как работает этот код").language()).isEqualTo("ru");
        assertThat(signals("Can you explain how this works and what I should do?").language()).isEqualTo("en");
    }

    @Test
    void greetings_and_short_questions_are_small_talk() {
        Signals hello = signals("Hello, how are you?");

        assertThat(hello.greeting()).isTrue();
        assertThat(signals("Hello, please review this 400-line pull request and list every bug you find in it")
                .greeting()).isFalse();
    }

    @Test
    void a_long_pasted_text_is_a_long_document() {
        String article = "The committee met again on Thursday to discuss the budget. ".repeat(60);

        assertThat(signals("Summarize this:\n\n" + article).longDocument()).isTrue();
        assertThat(signals("Summarize the plot of Hamlet.").longDocument()).isFalse();
    }

    @Test
    void math_notation_is_seen() {
        assertThat(signals("Solve 3x + 7 = 22 and find x^2 - 1").mathNotation()).isTrue();
        assertThat(signals("∫ x² dx from 0 to 1").mathNotation()).isTrue();
        assertThat(signals("Write a short poem about the sea").mathNotation()).isFalse();
    }

    @Test
    void intent_verbs_are_found_in_several_languages() {
        assertThat(signals("Please fix the login bug").intents()).contains("fix");
        assertThat(signals("Translate this into French: good morning").intents()).contains("translate");
        assertThat(signals("Übersetze bitte ins Englische: Guten Morgen").intents()).contains("translate");
        assertThat(signals("Résume ce texte en deux phrases").intents()).contains("summarize");
        assertThat(signals("Create a migration plan for the database").intents()).contains("plan");
        assertThat(signals("把这句话翻译成英文").intents()).contains("translate");
    }

    @Test
    void asks_and_constraints_are_counted() {
        Signals s = signals("Write a report. Then explain the trends. Must be under 300 words, "
                + "at least three sections, no jargon. What are the risks? Which option is cheapest?");

        assertThat(s.asks()).isGreaterThanOrEqualTo(3);
        assertThat(s.constraints()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void a_feature_vector_has_one_value_per_named_feature() {
        float[] f = extractor.extract("hello").features();

        assertThat(f).hasSize(SignalExtractor.FEATURES);
        assertThat(SignalExtractor.FEATURE_NAMES).hasSize(SignalExtractor.FEATURES);
    }

    @Test
    void cluster_keywords_become_features_of_their_label() {
        SignalExtractor withKeywords = new SignalExtractor(new KeywordIndex(java.util.Map.of(
                TaskLabel.PLANNING, java.util.List.of("okr", "north star"))));

        float[] f = withKeywords.extract("Draft our OKR and north star for Q3").features();

        assertThat(f[SignalExtractor.F_CLUSTER_KEYWORDS + TaskLabel.PLANNING.ordinal()]).isGreaterThan(0.5f);
        assertThat(f[SignalExtractor.F_CLUSTER_KEYWORDS + TaskLabel.CODE.ordinal()]).isZero();
    }
}
