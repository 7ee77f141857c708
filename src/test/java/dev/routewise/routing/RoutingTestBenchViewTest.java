package dev.routewise.routing;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.routewise.KaribuViewTest;
import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.SourceRef;
import dev.routewise.routing.engine.ScoredCandidate;
import dev.routewise.routing.ui.RoutingTestBenchView;
import dev.routewise.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RoutingTestBenchViewTest extends KaribuViewTest {

    @Autowired
    CatalogService catalog;
    @Autowired
    RoutableModels routable;
    @Autowired
    JdbcClient jdbc;

    SourceRef source;

    @BeforeEach
    void catalogOfOneSource() {
        source = RoutingTestCatalog.create(jdbc, catalog, routable, "bench", "openai", "gpt-4o-mini", "gpt-4o",
                "gpt-3.5-turbo");
        signIn("vic", Role.VIEWER);
        UI.getCurrent().navigate(RoutingTestBenchView.class);
        _setValue(_get(TextField.class, s -> s.withLabel("Allowed models")), source.slug() + "/*");
    }

    private void routePrompt(String text) {
        _setValue(_get(TextArea.class, s -> s.withId("bench-prompt")), text);
        _click(_get(Button.class, s -> s.withText("Route")));
    }

    @SuppressWarnings("unchecked")
    private static List<ScoredCandidate> rows() {
        Grid<ScoredCandidate> grid = _get(Grid.class, s -> s.withClasses("rw-bench-candidates"));
        return IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i)).toList();
    }

    private ScoredCandidate row(String model) {
        return rows().stream().filter(r -> r.id().equals(source.slug() + "/" + model)).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_chat_is_routed_on_its_last_user_turn_and_broken_json_is_shown_on_the_field() {
        _setValue(_get(com.vaadin.flow.component.radiobutton.RadioButtonGroup.class, s -> s.withId("bench-mode")),
                "Chat (OpenAI messages JSON)");
        routePrompt("[{\"role\": \"user\", \"content\": \"Write a haiku about autumn.\"}, "
                + "{\"role\": \"assistant\", \"content\": \"Leaves fall...\"}, "
                + "{\"role\": \"user\", \"content\": \"Now fix this Python error: TypeError: unsupported operand "
                + "type(s) for +: 'int' and 'str' in line 3 of my script\"}]");

        assertThat(_get(Span.class, s -> s.withId("bench-task")).getText()).isEqualTo("debugging");

        routePrompt("[{\"role\": \"user\", \"content\": ");
        TextArea messages = _get(TextArea.class, s -> s.withId("bench-prompt"));
        assertThat(messages.isInvalid()).isTrue();
        assertThat(messages.getErrorMessage()).startsWith("Not valid JSON");
    }

    @Test
    void a_viewer_routes_a_prompt_and_sees_the_chosen_model_and_every_candidate() {
        routePrompt("Explain the difference between TCP and UDP.");

        String chosen = _get(H3.class, s -> s.withId("bench-chosen")).getText();
        assertThat(chosen).startsWith(source.slug() + "/");
        assertThat(rows()).filteredOn(ScoredCandidate::eligible).extracting(ScoredCandidate::id)
                .containsExactlyInAnyOrder(source.slug() + "/gpt-4o-mini", source.slug() + "/gpt-4o",
                        source.slug() + "/gpt-3.5-turbo");
        assertThat(rows().getFirst().id()).isEqualTo(chosen);
        assertThat(rows()).filteredOn(r -> !r.id().startsWith(source.slug() + "/"))
                .allSatisfy(r -> assertThat(r.excludedBecause()).contains("allowedModels"));
        assertThat(_get(UnorderedList.class, s -> s.withId("bench-reasons")).getChildren()).isNotEmpty();
        assertThat(_get(Span.class, s -> s.withId("bench-task")).getText()).isNotBlank();
    }

    @Test
    void attaching_an_image_makes_a_text_only_model_ineligible_with_its_reason() {
        _setValue(_get(Checkbox.class, s -> s.withLabel("Attach an image")), true);
        routePrompt("What is written on this sign?");

        ScoredCandidate turbo = row("gpt-3.5-turbo");
        assertThat(turbo.eligible()).isFalse();
        assertThat(turbo.excludedBecause()).contains("image");
        assertThat(_get(H3.class, s -> s.withId("bench-chosen")).getText()).isNotEqualTo(turbo.id());
        assertThat(rows().indexOf(turbo)).as("eligible first")
                .isGreaterThan(rows().indexOf(row("gpt-4o-mini")));
    }

    @Test
    void a_cost_cap_nobody_meets_shows_the_no_model_message_with_counts_per_constraint() {
        _setValue(_get(BigDecimalField.class, s -> s.withLabel("Max cost")), new BigDecimal("0.0000001"));
        routePrompt("Summarize the plot of Hamlet in three sentences.");

        assertThat(_get(H3.class, s -> s.withId("bench-no-model")).getText()).isEqualTo("No model fits this request");
        _assertNone(H3.class, s -> s.withId("bench-chosen"));
        UnorderedList counts = _get(UnorderedList.class, s -> s.withId("bench-excluded-by"));
        assertThat(counts.getElement().getTextRecursively()).containsPattern("maxCostUsd excluded \\d+ models");
        assertThat(rows()).noneMatch(ScoredCandidate::eligible);
    }

    @Test
    @SuppressWarnings("unchecked")
    void why_not_explains_an_excluded_model_in_one_sentence() {
        _setValue(_get(TextField.class, s -> s.withLabel("Excluded models")), "*/gpt-4o");
        routePrompt("Write a Python function that reverses a linked list.");

        _setValue(_get(ComboBox.class, s -> s.withId("bench-why-not")), source.slug() + "/gpt-4o");

        assertThat(_get(Paragraph.class, s -> s.withId("bench-why-not-answer")).getText())
                .startsWith(source.slug() + "/gpt-4o was excluded: ").contains("excludedModels");
    }

    @Test
    void a_blank_prompt_and_a_negative_cost_are_shown_on_their_fields() {
        routePrompt(" ");
        assertThat(_get(TextArea.class, s -> s.withId("bench-prompt")).isInvalid()).isTrue();

        BigDecimalField cost = _get(BigDecimalField.class, s -> s.withLabel("Max cost"));
        _setValue(cost, new BigDecimal("-1"));
        routePrompt("Hello there");
        assertThat(cost.isInvalid()).isTrue();
        assertThat(cost.getErrorMessage()).contains("negative");
        _assertNone(H3.class, s -> s.withId("bench-chosen"));

        _setValue(cost, null);
        NumberField quality = _get(NumberField.class, s -> s.withLabel("Min quality"));
        _setValue(quality, 120.0);
        routePrompt("Hello there");
        assertThat(quality.isInvalid()).isTrue();
        assertThat(cost.isInvalid()).isFalse();
        _assertNone(H3.class, s -> s.withId("bench-chosen"));
    }
}
