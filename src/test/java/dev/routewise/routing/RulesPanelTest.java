package dev.routewise.routing;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.routewise.KaribuViewTest;
import dev.routewise.routing.RuleService.RoutingRule;
import dev.routewise.routing.RuleService.RuleDraft;
import dev.routewise.routing.ui.RulesPanel;
import dev.routewise.security.Role;
import dev.routewise.security.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

class RulesPanelTest extends KaribuViewTest {

    @Autowired
    RuleService rules;
    @Autowired
    AuthenticationContext authentication;

    @AfterEach
    void noRulesLeft() {
        SecurityContextHolder.getContext().setAuthentication(TestUsers.asAdmin());
        rules.replaceAll(List.of(), "UTC");
    }

    private void mount(String user, Role role) {
        signIn(user, role);
        UI.getCurrent().add(new RulesPanel(rules, authentication));
    }

    @SuppressWarnings("unchecked")
    private static Grid<RoutingRule> grid() {
        return _get(Grid.class, s -> s.withClasses("rw-rules-grid"));
    }

    private static List<String> names() {
        Grid<RoutingRule> grid = grid();
        return IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i).name()).toList();
    }

    private static Component cell(int row, String column) {
        return GridKt._getCellComponent(grid(), row, column);
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_operator_adds_a_rule_in_the_dialog_after_fixing_the_condition_the_validator_points_at() {
        mount("olga", Role.OPERATOR);

        _click(_get(Button.class, s -> s.withText("Add rule")));
        Dialog dialog = _get(Dialog.class);
        _setValue(_get(dialog, TextField.class, s -> s.withLabel("Name")), "weekend-eco");
        TextArea condition = _get(dialog, TextArea.class, s -> s.withLabel("Condition"));
        _setValue(condition, "weekday == caturday");
        _setValue(_get(dialog, Select.class, s -> s.withLabel("Action")), "use_profile");
        _setValue(_get(dialog, TextField.class, s -> s.withLabel("Value")), "eco");
        _click(_get(dialog, Button.class, s -> s.withText("Validate")));

        Button save = _get(dialog, Button.class, s -> s.withText("Save"));
        assertThat(condition.isInvalid()).isTrue();
        assertThat(condition.getErrorMessage()).startsWith("column 12: unknown weekday 'caturday'");
        assertThat(save.isEnabled()).as("Save is refused while the condition is invalid").isFalse();
        assertThat(rules.list().rules()).isEmpty();

        _setValue(condition, "weekday in [sat, sun]");
        assertThat(save.isEnabled()).isTrue();
        _click(save);

        assertThat(dialog.isOpened()).isFalse();
        assertThat(names()).containsExactly("weekend-eco");
        assertThat(rules.list().rules().getFirst().value()).isEqualTo("eco");
    }

    @Test
    void an_operator_reorders_disables_and_tests_rules() {
        signIn("olga", Role.OPERATOR);
        rules.create(new RuleDraft("night-deny", "", true, "hour >= 22", "deny", "closed at night"));
        rules.create(new RuleDraft("weekend-eco", "", true, "weekday in [sat, sun]", "use_profile", "eco"));
        UI.getCurrent().add(new RulesPanel(rules, authentication));

        _click(_get(cell(0, "actions"), Button.class,
                s -> s.withClasses("rw-rule-down")));
        assertThat(names()).containsExactly("weekend-eco", "night-deny");
        assertThat(rules.list().rules()).extracting(RoutingRule::name).containsExactly("weekend-eco", "night-deny");

        _setValue(_get(DateTimePicker.class, s -> s.withLabel("Time")), LocalDateTime.parse("2025-06-07T23:15"));
        _click(_get(Button.class, s -> s.withText("Test rules")));
        assertThat(_get(Paragraph.class, s -> s.withId("rules-test-outcome")).getText())
                .isEqualTo("Sat 2025-06-07 23:15 (UTC): use_profile eco (rule 'weekend-eco')");
        assertThat(_get(UnorderedList.class, s -> s.withId("rules-test-matches")).getElement().getTextRecursively())
                .contains("weekend-eco: matches and applies")
                .contains("night-deny: matches, but an earlier rule decided");

        _setValue((Checkbox) cell(0, "enabled"), false);
        assertThat(rules.list().rules().getFirst().enabled()).isFalse();
        _click(_get(Button.class, s -> s.withText("Test rules")));
        assertThat(_get(Paragraph.class, s -> s.withId("rules-test-outcome")).getText())
                .endsWith("deny \"closed at night\" (rule 'night-deny')");
    }

    @Test
    void a_viewer_sees_the_rules_but_no_controls_to_change_them() {
        SecurityContextHolder.getContext().setAuthentication(TestUsers.asAdmin());
        rules.create(new RuleDraft("no-o3", "", true, "true", "exclude_models", "*/o3"));
        mount("vera", Role.VIEWER);

        assertThat(names()).containsExactly("no-o3");
        assertThat(_find(Button.class, s -> s.withText("Add rule"))).isEmpty();
        assertThat(grid().getColumnByKey("actions")).isNull();
        assertThat(((Checkbox) cell(0, "enabled")).isReadOnly()).isTrue();
    }
}
