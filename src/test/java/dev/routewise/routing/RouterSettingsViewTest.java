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
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
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
    @Autowired
    QualityService quality;

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

        _get(TabSheet.class).setSelectedIndex(3);
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

    @Test
    void an_admin_previews_a_pasted_configuration_then_applies_it() {
        signIn("admin", Role.ADMIN);
        UI.getCurrent().navigate(RouterSettingsView.class);
        _get(TabSheet.class).setSelectedIndex(5);

        _setValue(_get(TextArea.class, s -> s.withId("config-file")), "activeProfile: premium\n");
        _click(_get(Button.class, s -> s.withId("config-preview")));

        assertThat(_get(UnorderedList.class, s -> s.withId("config-changes")).getElement().getTextRecursively())
                .contains("active profile: balanced  ->  premium");
        assertThat(config.current().activeProfile()).isEqualTo("balanced");

        _click(_get(Button.class, s -> s.withId("config-apply")));
        assertThat(config.current().activeProfile()).isEqualTo("premium");
        assertThat(_get(Paragraph.class, s -> s.withId("config-outcome")).getText()).contains("Applied 1 change");
    }

    @Test
    void a_broken_configuration_shows_where_the_problem_is_and_changes_nothing() {
        signIn("admin", Role.ADMIN);
        UI.getCurrent().navigate(RouterSettingsView.class);
        _get(TabSheet.class).setSelectedIndex(5);

        _setValue(_get(TextArea.class, s -> s.withId("config-file")), "workflows:\n  - name: w\n    stages: []\n");
        _click(_get(Button.class, s -> s.withId("config-preview")));

        TextArea file = _get(TextArea.class, s -> s.withId("config-file"));
        assertThat(file.isInvalid()).isTrue();
        assertThat(file.getErrorMessage()).contains("workflows[0].stages").contains("at least one stage");
        assertThat(_get(Button.class, s -> s.withId("config-apply")).isEnabled()).isFalse();
    }

    @Test
    void an_operator_downloads_the_configuration_but_cannot_import() {
        signIn("olga", Role.OPERATOR);
        UI.getCurrent().navigate(RouterSettingsView.class);
        _get(TabSheet.class).setSelectedIndex(5);

        _get(com.vaadin.flow.component.html.Anchor.class, s -> s.withId("config-download"));
        _assertNone(TextArea.class, s -> s.withId("config-file"));
    }

    @Test
    void an_operator_adds_a_quality_figure_for_a_model_the_table_does_not_know() {
        signIn("olga", Role.OPERATOR);
        UI.getCurrent().navigate(RouterSettingsView.class);
        _get(TabSheet.class).setSelectedIndex(4);

        _click(_get(Button.class, s -> s.withId("quality-add")));
        _setValue(_get(TextField.class, s -> s.withId("quality-key")), "Acme-Chat-2");
        _setValue(_get(NumberField.class, s -> s.withId("quality-value")), 71.5);
        _setValue(_get(TextField.class, s -> s.withId("quality-fit")), "code=0.8, creative=zero");
        _click(_get(Button.class, s -> s.withId("quality-save")));

        TextField fit = _get(TextField.class, s -> s.withId("quality-fit"));
        assertThat(fit.isInvalid()).isTrue();
        assertThat(fit.getErrorMessage()).contains("'zero' is not a number");

        _setValue(fit, "code=0.8, creative=0.6");
        _click(_get(Button.class, s -> s.withId("quality-save")));

        List<QualityService.QualityEntry> rows = rows("quality");
        QualityService.QualityEntry added = rows.stream().filter(e -> e.key().equals("acme-chat-2")).findFirst()
                .orElseThrow();
        assertThat(added.quality()).isEqualTo(71.5);
        assertThat(added.taskFit()).containsEntry("code", 0.8).containsEntry("creative", 0.6);
        quality.reset("acme-chat-2");
    }
}
