package dev.routewise.classify;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextArea;
import dev.routewise.KaribuViewTest;
import dev.routewise.classify.engine.ClassifyInput;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.classify.ui.TaskClustersView;
import dev.routewise.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Closes its context afterwards (see ClassifyApiTest), and its edits stay out of other view tests. */
class TaskClustersViewTest extends KaribuViewTest {

    @Autowired
    ClassifierService classifier;

    @SuppressWarnings("unchecked")
    private static Grid<TaskClusterInfo> clusterGrid() {
        return _get(Grid.class, s -> s.withClasses("rw-clusters"));
    }

    @SuppressWarnings("unchecked")
    private static Grid<TaskClusterInfo.Example> exampleGrid() {
        return _get(Grid.class, s -> s.withClasses("rw-examples"));
    }

    private static List<String> labels(Grid<TaskClusterInfo> grid) {
        return IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i).label().id()).toList();
    }

    @Test
    void a_viewer_sees_the_clusters_in_the_menu_and_can_try_a_prompt() {
        signIn("vic", Role.VIEWER);
        UI.getCurrent().navigate(TaskClustersView.class);

        assertThat(_find(SideNavItem.class).stream().map(SideNavItem::getLabel)).contains("Task clusters");
        assertThat(labels(clusterGrid())).hasSize(10).contains("code", "debugging", "simple_qa");

        _setValue(_get(TextArea.class, s -> s.withId("try-prompt")),
                "Translate into Spanish: 'The train leaves at noon.'");
        _click(_get(Button.class, s -> s.withText("Classify")));

        assertThat(_get(Span.class, s -> s.withId("try-task")).getText()).isEqualTo("translation");
        assertThat(_get(Span.class, s -> s.withId("try-tier")).getText()).isEqualTo("tier: signals");
    }

    @Test
    void a_viewer_cannot_edit_clusters() {
        signIn("vic", Role.VIEWER);
        UI.getCurrent().navigate(TaskClustersView.class);

        _assertNone(Button.class, s -> s.withText("Add example"));
        _assertNone(Button.class, s -> s.withText("Save cluster"));
        _assertNone(Button.class, s -> s.withText("Delete"));
        assertThat(_get(TextArea.class, s -> s.withLabel("Keywords (one per line)")).isReadOnly()).isTrue();
        assertThatThrownBy(() -> classifier.addExample(TaskLabel.CODE, "Write a lexer in OCaml"))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void an_operator_adds_an_example_and_a_keyword_and_the_retrained_model_uses_them() {
        signIn("olive", Role.OPERATOR);
        UI.getCurrent().navigate(TaskClustersView.class);
        int examplesBefore = classifier.engine().model().examples();
        String prompt = "Give me a frumious blorple about my cat, a frumious one";
        double creativeBefore = classifier.engine().classify(ClassifyInput.ofPrompt(prompt)).score(TaskLabel.CREATIVE);

        Grid<TaskClusterInfo> grid = clusterGrid();
        TaskClusterInfo creative = IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i))
                .filter(c -> c.label() == TaskLabel.CREATIVE).findFirst().orElseThrow();
        grid.asSingleSelect().setValue(creative);
        TextArea keywords = _get(TextArea.class, s -> s.withLabel("Keywords (one per line)"));
        _setValue(keywords, keywords.getValue() + "\nfrumious");
        _click(_get(Button.class, s -> s.withText("Save cluster")));
        _setValue(_get(TextArea.class, s -> s.withLabel("New example prompt")),
                "Write a limerick about a blorple that lost its hat");
        _click(_get(Button.class, s -> s.withText("Add example")));

        assertThat(IntStream.range(0, GridKt._size(exampleGrid())).mapToObj(i -> GridKt._get(exampleGrid(), i).text()))
                .contains("Write a limerick about a blorple that lost its hat");
        assertThat(classifier.awaitTraining(Duration.ofSeconds(60))).isTrue();
        assertThat(classifier.engine().model().examples()).isEqualTo(examplesBefore + 1);
        assertThat(classifier.clusters().stream().filter(c -> c.label() == TaskLabel.CREATIVE).findFirst()
                .orElseThrow().keywords()).contains("frumious");
        assertThat(classifier.engine().classify(ClassifyInput.ofPrompt(prompt)).score(TaskLabel.CREATIVE))
                .isGreaterThan(creativeBefore + 0.2);
    }
}
