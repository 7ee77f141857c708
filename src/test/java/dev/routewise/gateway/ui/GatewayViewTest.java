package dev.routewise.gateway.ui;

import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import dev.routewise.KaribuViewTest;
import dev.routewise.gateway.GatewayCall;
import dev.routewise.gateway.GatewayCallService;
import dev.routewise.gateway.GatewayCallService.ModelLimit;
import dev.routewise.gateway.GatewaySettingsService;
import dev.routewise.gateway.GatewaySettingsService.Cascade;
import dev.routewise.gateway.GatewaySettingsService.PromptTemplate;
import dev.routewise.gateway.StubProviders;
import dev.routewise.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Gateway view shows what the real gateway recorded for calls to stub providers, and operators set limits,
 * cascades and system-prompt templates.
 */
class GatewayViewTest extends KaribuViewTest {

    @LocalServerPort
    int port;
    @Autowired
    GatewayCallService calls;
    @Autowired
    GatewaySettingsService settings;

    StubProviders stubs;

    @BeforeEach
    void stubProviders() {
        stubs = new StubProviders(context, port, "gw-view");
    }

    @AfterEach
    void closeStubs() {
        stubs.close();
    }

    /** Calls through the gateway, once each is recorded (the gateway writes its records off the request thread). */
    private List<String> recordedCalls(int n) {
        List<String> ids = IntStream.range(0, n).mapToObj(i -> stubs.complete()).toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream().allMatch(id -> calls.find(id).isPresent()));
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static <T> Grid<T> grid(String className) {
        return _get(Grid.class, s -> s.withClasses(className));
    }

    private static <T> List<T> rows(Grid<T> grid) {
        return IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i)).toList();
    }

    private static <T> int index(Grid<T> grid, java.util.function.Predicate<T> row) {
        List<T> all = rows(grid);
        return IntStream.range(0, all.size()).filter(i -> row.test(all.get(i))).findFirst().orElseThrow();
    }

    @Test
    void a_viewer_sees_a_call_that_fell_back_with_an_unknown_cost_and_selects_it_to_read_each_attempt() {
        String decisionId = recordedCalls(1).getFirst();
        signIn("vera", Role.VIEWER);
        UI.getCurrent().navigate(GatewayView.class);

        Grid<GatewayCall> grid = grid("rw-gateway-calls");
        int row = index(grid, c -> c.decisionId().equals(decisionId));
        assertThat(GridKt._getFormatted(grid, row, "requested")).isEqualTo("router/" + stubs.profile());
        assertThat(GridKt._getFormatted(grid, row, "model")).isEqualTo(stubs.answeringModel());
        assertThat(GridKt._getFormatted(grid, row, "fallbacks")).isEqualTo("1");
        assertThat(GridKt._getFormatted(grid, row, "tokens")).isEqualTo("9 in · 3 out");
        assertThat(GridKt._getFormatted(grid, row, "cost")).isEqualTo("unknown");
        assertThat(GridKt._getFormatted(grid, row, "latency")).endsWith(" ms");

        grid.select(GridKt._get(grid, row));

        Grid<GatewayCall.Attempt> attempts = grid("rw-call-attempts");
        assertThat(rows(attempts)).extracting(a -> a.model() + " " + a.outcome()).containsExactly(
                stubs.failingModel() + " failed", stubs.failingModel() + " failed", stubs.answeringModel() + " ok");
        assertThat(GridKt._getFormatted(attempts, 0, "errorClass")).isEqualTo("transient");
        assertThat(_get(Span.class, s -> s.withClasses("rw-call-cost")).getText()).isEqualTo("unknown");
    }

    @Test
    void the_events_tab_lists_the_cooldown_of_a_failing_model_and_the_calls_that_fell_back() {
        // three failed calls in a row rest a model
        List<String> ids = recordedCalls(3);
        signIn("vera", Role.VIEWER);
        UI.getCurrent().navigate(GatewayView.class);

        _get(TabSheet.class).setSelectedIndex(1);

        Grid<GatewayView.EventRow> events = grid("rw-gateway-events");
        assertThat(rows(events)).filteredOn(e -> e.kind().equals("cooldown"))
                .anySatisfy(e -> {
                    assertThat(e.model()).isEqualTo(stubs.failingModel());
                    assertThat(e.until()).isNotNull();
                    assertThat(e.detail()).contains("3 failures in a row");
                });
        int fallback = index(events, e -> ids.getLast().equals(e.decisionId()));
        assertThat(GridKt._get(events, fallback).kind()).isEqualTo("fallback");
        assertThat(GridKt._getFormatted(events, fallback, "detail"))
                .isEqualTo("Answered by " + stubs.answeringModel() + " after 1 fallback (requested router/"
                        + stubs.profile() + ")");

        events.select(GridKt._get(events, fallback));
        assertThat(rows(grid("rw-call-attempts"))).hasSize(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_operator_sets_a_models_limit_sees_a_bad_value_at_its_field_and_removes_it() {
        signIn("olly", Role.OPERATOR);
        UI.getCurrent().navigate(GatewayView.class);
        _get(TabSheet.class).setSelectedIndex(2);

        _setValue(_get(ComboBox.class, s -> s.withLabel("Model")), stubs.answeringModel());
        IntegerField rpm = _get(IntegerField.class, s -> s.withLabel("Requests per minute"));
        _setValue(rpm, 0);
        _click(_get(Button.class, s -> s.withText("Save limit")));

        assertThat(rpm.isInvalid()).isTrue();
        assertThat(rpm.getErrorMessage()).contains("at least 1");
        assertThat(calls.limits()).noneMatch(l -> l.modelId().equals(stubs.answeringModel()));

        _setValue(rpm, 30);
        _click(_get(Button.class, s -> s.withText("Save limit")));

        expectNotifications("Limits of " + stubs.answeringModel() + " saved");
        Grid<ModelLimit> limits = grid("rw-gateway-limits");
        int row = index(limits, l -> l.modelId().equals(stubs.answeringModel()));
        assertThat(GridKt._getFormatted(limits, row, "rpm")).isEqualTo("30");
        assertThat(GridKt._getFormatted(limits, row, "tpm")).isEqualTo("no limit");

        Component actions = GridKt._getCellComponent(limits, row, "actions");
        _click(_get(actions, Button.class, s -> s.withText("Remove")));

        expectNotifications("Limits of " + stubs.answeringModel() + " removed");
        assertThat(rows(limits)).noneMatch(l -> l.modelId().equals(stubs.answeringModel()));
        assertThat(calls.limits()).noneMatch(l -> l.modelId().equals(stubs.answeringModel()));
    }

    @Test
    void a_viewer_reads_the_limits_but_cannot_change_them() {
        signIn("vera", Role.VIEWER);
        UI.getCurrent().navigate(GatewayView.class);
        _get(TabSheet.class).setSelectedIndex(2);

        grid("rw-gateway-limits");
        _assertNone(Button.class, s -> s.withText("Save limit"));
        _get(Paragraph.class, s -> s.withText("Operators set limits."));
    }

    // ------------------------------------------------------------------ cascade

    private static HorizontalLayout cascadeRow(String profile) {
        return _get(HorizontalLayout.class, s -> s.withId("cascade-" + profile));
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_operator_turns_on_a_profiles_cascade_sees_an_unknown_model_at_its_field_and_turns_it_off() {
        signIn("olly", Role.OPERATOR);
        UI.getCurrent().navigate(GatewayView.class);
        _get(TabSheet.class).setSelectedIndex(3);

        HorizontalLayout row = cascadeRow(stubs.profile());
        Checkbox on = _get(row, Checkbox.class, s -> s.withLabel("Try a cheaper model first"));
        ComboBox<String> model = _get(row, ComboBox.class);
        Button save = _get(row, Button.class, s -> s.withText("Save"));
        assertThat(on.getValue()).isFalse();
        assertThat(model.isEnabled()).isFalse();
        assertThat(save.isEnabled()).isFalse();

        _setValue(on, true);
        ComboBoxKt._fireCustomValueSet(model, "nowhere/no-model");
        _click(save);

        assertThat(model.isInvalid()).isTrue();
        assertThat(model.getErrorMessage()).isEqualTo("The model 'nowhere/no-model' is not in the catalog");
        assertThat(settings.cascades()).noneMatch(c -> c.profile().equals(stubs.profile()));

        _setValue(model, stubs.answeringModel());
        assertThat(model.isInvalid()).isFalse();
        _click(save);

        expectNotifications("Cascade of " + stubs.profile() + " on: tries " + stubs.answeringModel() + " first");
        assertThat(settings.cascades()).contains(new Cascade(stubs.profile(), stubs.answeringModel()));
        assertThat(save.isEnabled()).isFalse();

        // what the tab shows when opened again
        _get(TabSheet.class).setSelectedIndex(0);
        _get(TabSheet.class).setSelectedIndex(3);
        row = cascadeRow(stubs.profile());
        on = _get(row, Checkbox.class, s -> s.withLabel("Try a cheaper model first"));
        assertThat(on.getValue()).isTrue();
        assertThat(_get(row, ComboBox.class).getValue()).isEqualTo(stubs.answeringModel());
        assertThat(_get(cascadeRow(stubs.failingProfile()), Checkbox.class).getValue()).isFalse();

        _setValue(on, false);
        _click(_get(row, Button.class, s -> s.withText("Save")));

        expectNotifications("Cascade of " + stubs.profile() + " off");
        assertThat(settings.cascades()).noneMatch(c -> c.profile().equals(stubs.profile()));
    }

    @Test
    void a_viewer_reads_the_cascades_but_cannot_change_them() {
        signIn("vera", Role.VIEWER);
        UI.getCurrent().navigate(GatewayView.class);
        _get(TabSheet.class).setSelectedIndex(3);

        HorizontalLayout row = cascadeRow(stubs.profile());
        assertThat(_get(row, Checkbox.class, s -> s.withLabel("Try a cheaper model first")).isReadOnly()).isTrue();
        assertThat(_get(row, ComboBox.class).isReadOnly()).isTrue();
        _assertNone(Button.class, s -> s.withText("Save"));
        _get(Paragraph.class, s -> s.withText("Operators change cascades."));
    }

    // ------------------------------------------------------------------ prompts

    @Test
    @SuppressWarnings("unchecked")
    void an_operator_adds_a_template_sees_an_unknown_target_at_its_field_edits_and_deletes_it() {
        signIn("olly", Role.OPERATOR);
        UI.getCurrent().navigate(GatewayView.class);
        _get(TabSheet.class).setSelectedIndex(4);
        String provider = stubs.answeringModel().substring(0, stubs.answeringModel().indexOf('/'));

        _click(_get(Button.class, s -> s.withText("Add template")));
        Dialog dialog = _get(Dialog.class);
        ComboBox<String> target = _get(dialog, ComboBox.class, s -> s.withLabel("Target"));
        assertThat(ComboBoxKt.getSuggestions(target)).contains("*", provider + "/*", stubs.answeringModel());
        ComboBoxKt._fireCustomValueSet(target, "nowhere/no-model");
        _setValue(_get(dialog, RadioButtonGroup.class, s -> s.withLabel("Position")), "append");
        _setValue(_get(dialog, TextArea.class, s -> s.withLabel("Text")), "You are {model}. Keep it short.");
        _click(_get(dialog, Button.class, s -> s.withText("Save")));

        assertThat(target.isInvalid()).isTrue();
        assertThat(target.getErrorMessage()).startsWith("'nowhere/no-model' is neither a catalog model");
        assertThat(settings.templates()).noneMatch(t -> t.target().equals("nowhere/no-model"));

        _setValue(target, provider + "/*");
        _click(_get(dialog, Button.class, s -> s.withText("Save")));

        expectNotifications("Template for " + provider + "/* saved");
        _assertNone(Dialog.class);
        Grid<PromptTemplate> grid = grid("rw-gateway-prompts");
        int row = index(grid, t -> t.target().equals(provider + "/*"));
        assertThat(GridKt._getFormatted(grid, row, "position")).isEqualTo("append");
        assertThat(GridKt._getFormatted(grid, row, "text")).isEqualTo("You are {model}. Keep it short.");
        assertThat(((Span) GridKt._getCellComponent(grid, row, "enabled")).getText()).isEqualTo("enabled");

        _click(_get(GridKt._getCellComponent(grid, row, "actions"), Button.class, s -> s.withText("Edit")));
        dialog = _get(Dialog.class);
        _setValue(_get(dialog, Checkbox.class, s -> s.withLabel("Enabled")), false);
        _click(_get(dialog, Button.class, s -> s.withText("Save")));

        expectNotifications("Template for " + provider + "/* saved");

        row = index(grid, t -> t.target().equals(provider + "/*"));
        assertThat(((Span) GridKt._getCellComponent(grid, row, "enabled")).getText()).isEqualTo("disabled");
        assertThat(settings.templates()).filteredOn(t -> t.target().equals(provider + "/*"))
                .singleElement().satisfies(t -> {
                    assertThat(t.enabled()).isFalse();
                    assertThat(t.position()).isEqualTo("append");
                });

        _click(_get(GridKt._getCellComponent(grid, row, "actions"), Button.class, s -> s.withText("Delete")));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        expectNotifications("Template for " + provider + "/* deleted");
        assertThat(rows(grid)).noneMatch(t -> t.target().equals(provider + "/*"));
        assertThat(settings.templates()).noneMatch(t -> t.target().equals(provider + "/*"));
    }

    @Test
    void a_viewer_reads_the_templates_but_cannot_change_them() {
        signIn("olly", Role.OPERATOR);
        PromptTemplate saved = settings.saveTemplate(new PromptTemplate(null, stubs.answeringModel(), "prepend",
                "Answer in English.", true));
        try {
            signIn("vera", Role.VIEWER);
            UI.getCurrent().navigate(GatewayView.class);
            _get(TabSheet.class).setSelectedIndex(4);

            Grid<PromptTemplate> grid = grid("rw-gateway-prompts");
            int row = index(grid, t -> t.id().equals(saved.id()));
            assertThat(GridKt._getFormatted(grid, row, "text")).isEqualTo("Answer in English.");
            assertThat(grid.getColumnByKey("actions")).isNull();
            _assertNone(Button.class, s -> s.withText("Add template"));
            _get(Paragraph.class, s -> s.withText("Operators edit templates."));
        } finally {
            signIn("olly", Role.OPERATOR);
            settings.deleteTemplate(saved.id());
        }
    }
}
