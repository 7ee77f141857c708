package dev.routewise.gateway.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.routewise.KaribuViewTest;
import dev.routewise.gateway.GatewayCall;
import dev.routewise.gateway.StubProviders;
import dev.routewise.routing.ui.RoutingTestBenchView;
import dev.routewise.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The test bench's Run: a prompt sent through the real gateway to stub providers, and what the person sees. */
class TestBenchRunTest extends KaribuViewTest {

    @LocalServerPort
    int port;

    StubProviders stubs;

    @BeforeEach
    void stubProviders() {
        stubs = new StubProviders(context, port, "bench-run");
    }

    @AfterEach
    void closeStubs() {
        stubs.close();
    }

    private void openBench() {
        signIn("vic", Role.VIEWER);
        UI.getCurrent().navigate(RoutingTestBenchView.class);
    }

    @SuppressWarnings("unchecked")
    private void run(String profile, String prompt) {
        _setValue(_get(Select.class, s -> s.withLabel("Profile")), profile);
        _setValue(_get(TextArea.class, s -> s.withId("bench-prompt")), prompt);
        _click(_get(Button.class, s -> s.withText("Run")));
    }

    /** Runs the UI tasks that the gateway call and the record's read hand back, until {@code shown} holds. */
    private static void untilShown(Callable<Boolean> shown) {
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> {
            MockVaadin.clientRoundtrip(false);
            return shown.call();
        });
    }

    private static String text(String className) {
        return _get(Span.class, s -> s.withClasses(className)).getText();
    }

    @SuppressWarnings("unchecked")
    private static Grid<GatewayCall.Attempt> attempts() {
        return _get(Grid.class, s -> s.withClasses("rw-call-attempts"));
    }

    @Test
    void a_viewer_runs_a_prompt_and_sees_the_answer_the_fallback_each_attempt_and_the_cost() {
        // 9 tokens in at $2 and 3 out at $10 a million: $0.000048
        stubs.price("2", "10");
        openBench();

        run(stubs.profile(), "Say hello.");

        untilShown(() -> !_find(Grid.class, s -> s.withClasses("rw-call-attempts")).isEmpty());
        assertThat(_get(Pre.class, s -> s.withId("run-answer")).getText()).isEqualTo(StubProviders.ANSWER);
        assertThat(text("rw-call-model")).isEqualTo(stubs.answeringModel());
        assertThat(_get(Paragraph.class, s -> s.withId("run-request")).getText())
                .contains("model router/" + stubs.profile()).contains("as vic");

        Grid<GatewayCall.Attempt> grid = attempts();
        List<String> rows = IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i))
                .map(a -> a.model() + " " + a.status() + " " + a.outcome()).toList();
        assertThat(rows).containsExactly(stubs.failingModel() + " 500 failed", stubs.failingModel() + " 500 failed",
                stubs.answeringModel() + " 200 ok");
        assertThat(GridKt._getFormatted(grid, 0, "error")).isEqualTo("overloaded");
        assertThat(GridKt._getFormatted(grid, 0, "cost")).isEqualTo("—");
        assertThat(GridKt._getFormatted(grid, 2, "tokens")).isEqualTo("9 in · 3 out");
        assertThat(GridKt._getFormatted(grid, 2, "cost")).isEqualTo("$0.000048");
        assertThat(text("rw-call-cost")).isEqualTo("$0.000048");
        assertThat(text("rw-call-fallbacks")).isEqualTo("1 fallback");
        assertThat(_get(Button.class, s -> s.withText("Run")).isEnabled()).isTrue();
    }

    @Test
    void an_unpriced_model_costs_unknown_and_settings_a_request_cannot_carry_are_named() {
        openBench();
        _setValue(_get(TextField.class, s -> s.withLabel("Excluded models")), "*/gpt-4");

        run(stubs.profile(), "Say hello.");

        untilShown(() -> !_find(Span.class, s -> s.withClasses("rw-call-cost")).isEmpty());
        assertThat(text("rw-call-cost")).isEqualTo("unknown");
        assertThat(GridKt._getFormatted(attempts(), 2, "cost")).isEqualTo("unknown");
        assertThat(_get(com.vaadin.flow.component.html.UnorderedList.class, s -> s.withId("run-notes")).getElement()
                .getTextRecursively()).contains("Not applied: excluded models");
    }

    @Test
    void a_tool_call_in_the_answer_is_listed_with_its_arguments() {
        stubs.answerWithToolCall();
        openBench();

        run(stubs.profile(), "What is the weather in Oslo?");

        untilShown(() -> !_find(Grid.class, s -> s.withClasses("rw-call-attempts")).isEmpty());
        assertThat(_get(Pre.class, s -> s.withId("run-answer")).getText()).isEqualTo("(no text)");
        assertThat(_get(com.vaadin.flow.component.html.UnorderedList.class, s -> s.withId("run-tool-calls"))
                .getElement().getTextRecursively()).isEqualTo("tool call get_weather({\"city\":\"Oslo\"})");
        assertThat(text("rw-call-tokens")).isEqualTo("20 in · 8 out");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_failed_run_shows_the_gateway_s_error_and_a_chat_without_a_user_turn_is_refused() {
        openBench();

        run(stubs.failingProfile(), "Say hello.");

        untilShown(() -> !_find(Paragraph.class, s -> s.withId("run-error")).isEmpty());
        assertThat(_get(Paragraph.class, s -> s.withId("run-error")).getText())
                .startsWith("upstream_failed: Every model of the chain failed")
                .contains(stubs.failingModel() + ": 500 failed");
        _assertNone(Pre.class, s -> s.withId("run-answer"));

        _setValue(_get(RadioButtonGroup.class, s -> s.withId("bench-mode")), "Chat (OpenAI messages JSON)");
        run(stubs.profile(), "[{\"role\": \"assistant\", \"content\": \"Hello.\"}]");

        untilShown(() -> _find(Paragraph.class, s -> s.withId("run-error")).stream()
                .anyMatch(p -> p.getText().contains("user message")));
        _get(Span.class, s -> s.withText("not sent"));
    }
}
