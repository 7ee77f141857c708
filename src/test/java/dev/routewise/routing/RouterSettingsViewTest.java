package dev.routewise.routing;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.routewise.KaribuViewTest;
import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.SourceRef;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.routing.ui.RouterSettingsView;
import dev.routewise.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

class RouterSettingsViewTest extends KaribuViewTest {

    @Autowired
    CatalogService catalog;
    @Autowired
    RoutableModels routable;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RouterConfigService config;

    SourceRef source;

    @BeforeEach
    void catalogOfOneSource() {
        source = RoutingTestCatalog.create(jdbc, catalog, routable, "settings", "openai", "gpt-4o-mini", "gpt-4o");
    }

    @AfterEach
    void cleanUp() {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null,
                Role.ADMIN.authorities()));
        config.setActiveProfile("balanced");
        config.current().workflows().keySet().forEach(config::deleteWorkflow);
        config.current().profiles().stream().filter(p -> !p.builtIn()).forEach(p -> config.deleteProfile(p.name()));
        config.clearOverride("balanced", "code");
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> rows(String id) {
        Grid<T> grid = _get(Grid.class, s -> s.withId(id));
        return IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i)).toList();
    }

    @Test
    void an_operator_creates_a_custom_profile_with_weights_and_a_pool_and_makes_it_active() {
        signIn("olga", Role.OPERATOR);
        UI.getCurrent().navigate(RouterSettingsView.class);

        _click(_get(Button.class, s -> s.withId("new-profile")));
        _setValue(_get(TextField.class, s -> s.withLabel("Name")), "openai-cheap");
        _setValue(_get(TextField.class, s -> s.withLabel("Description")), "Cheap OpenAI models");
        _setValue(_get(NumberField.class, s -> s.withId("weight-cost")), 60.0);
        _setValue(_get(TextArea.class, s -> s.withLabel("Pool (one pattern per line, empty = all models)")),
                source.slug() + "/*");
        _click(_get(Button.class, s -> s.withId("save-profile")));

        List<ProfileSettings> profiles = rows("profiles");
        assertThat(profiles).extracting(ProfileSettings::name).contains("eco", "balanced", "premium", "openai-cheap");
        ProfileSettings created = profiles.stream().filter(p -> p.name().equals("openai-cheap")).findFirst()
                .orElseThrow();
        assertThat(created.profile().weights().cost()).isGreaterThan(0.4);
        assertThat(created.profile().pool()).hasSize(1);

        @SuppressWarnings("unchecked")
        RadioButtonGroup<String> active = _get(RadioButtonGroup.class, s -> s.withId("active-profile"));
        _setValue(active, "openai-cheap");
        assertThat(config.current().activeProfile()).isEqualTo("openai-cheap");
    }

    @Test
    void a_bad_profile_name_is_shown_on_the_name_field_and_nothing_is_saved() {
        signIn("olga", Role.OPERATOR);
        UI.getCurrent().navigate(RouterSettingsView.class);

        _click(_get(Button.class, s -> s.withId("new-profile")));
        _setValue(_get(TextField.class, s -> s.withLabel("Name")), "Not Valid!");
        _click(_get(Button.class, s -> s.withId("save-profile")));

        TextField name = _get(TextField.class, s -> s.withLabel("Name"));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).contains("lower-case letters");
        assertThat(config.current().profileNames()).containsExactly("eco", "balanced", "premium");
    }

    @Test
    void the_task_table_shows_each_task_chain_and_an_override_picked_there_is_used() {
        signIn("olga", Role.OPERATOR);
        UI.getCurrent().navigate(RouterSettingsView.class);
        String forced = source.slug() + "/gpt-4o";

        _get(TabSheet.class).setSelectedIndex(1);
        @SuppressWarnings("unchecked")
        Grid<RouterSettingsView.TaskRow> grid = _get(Grid.class, s -> s.withId("tasks"));
        int code = IntStream.range(0, GridKt._size(grid)).filter(i -> GridKt._get(grid, i).task() == TaskLabel.CODE)
                .findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        ComboBox<String> picker = (ComboBox<String>) GridKt._getCellComponent(grid, code, "override");
        _setValue(picker, forced);

        assertThat(config.current().overridesOf("balanced")).containsEntry(TaskLabel.CODE, forced);
        List<RouterSettingsView.TaskRow> tasks = rows("tasks");
        assertThat(tasks).extracting(r -> r.task().id()).contains("code", "debugging", "simple_qa");
        assertThat(tasks.stream().filter(r -> r.task() == TaskLabel.CODE).findFirst().orElseThrow().override())
                .isEqualTo(forced);
    }

    @Test
    void an_operator_defines_a_workflow_with_stages() {
        signIn("olga", Role.OPERATOR);
        UI.getCurrent().navigate(RouterSettingsView.class);

        _get(TabSheet.class).setSelectedIndex(2);
        _click(_get(Button.class, s -> s.withId("new-workflow")));
        _setValue(_get(TextField.class, s -> s.withLabel("Name")), "feature-dev");
        _click(_get(Button.class, s -> s.withId("save-workflow")));

        List<Workflow> workflows = rows("workflows");
        assertThat(workflows).extracting(Workflow::name).containsExactly("feature-dev");
        assertThat(workflows.getFirst().stages()).extracting(Workflow.Stage::name)
                .containsExactly("plan", "implement", "review");
    }

    @Test
    void a_viewer_reads_the_settings_without_edit_controls() {
        signIn("vic", Role.VIEWER);
        UI.getCurrent().navigate(RouterSettingsView.class);

        assertThat(_get(RadioButtonGroup.class, s -> s.withId("active-profile")).isReadOnly()).isTrue();
        _assertNone(Button.class, s -> s.withId("new-profile"));
        _assertNone(Button.class, s -> s.withText("Edit"));
        assertThat(rows("profiles")).hasSize(3);
        _get(TabSheet.class).setSelectedIndex(1);
        @SuppressWarnings("unchecked")
        Grid<RouterSettingsView.TaskRow> grid = _get(Grid.class, s -> s.withId("tasks"));
        assertThat(GridKt._getCellComponent(grid, 0, "override")).isNotInstanceOf(ComboBox.class);
    }
}
