package dev.routewise.routing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.FieldErrors;
import dev.routewise.base.ui.Notifications;
import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.routing.RuleService;
import dev.routewise.routing.RuleService.RoutingRule;
import dev.routewise.routing.rules.Action;
import dev.routewise.security.AppRoles;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rules editor of the router settings: ordered rules with reorder, enable, edit and delete; a dialog that
 * validates the condition and points at the column of a problem; the rules' time zone; and a test form that
 * shows which rules match a sample request at a chosen time. Viewers see everything but change nothing.
 * A component, not a route: the router settings view embeds it.
 */
public class RulesPanel extends VerticalLayout {

    static final String CONDITION_HELP = "Fields: priority, labels, task, complexity, complexityScore, tokens, "
            + "outputTokens, hour, weekday, user, team, space, profile; healthy(\"p\"), unhealthy(\"p\"), "
            + "bucket(\"salt\") < 20. Operators: == != < <= > >= in [..] not in contains, and or not ( ).";

    private final RuleService rules;
    private final boolean canEdit;
    private int ruleCount;

    final Grid<RoutingRule> grid = new Grid<>();
    final ComboBox<String> timeZone = new ComboBox<>("Time zone");
    final Button add = new Button("Add rule", VaadinIcon.PLUS.create());

    final Select<String> testTask = new Select<>();
    final Select<String> testComplexity = new Select<>();
    final IntegerField testTokens = new IntegerField("Input tokens");
    final IntegerField testPriority = new IntegerField("Priority");
    final TextField testUser = new TextField("User");
    final TextField testTeam = new TextField("Team");
    final TextField testLabels = new TextField("Labels");
    final DateTimePicker testTime = new DateTimePicker("Time");
    final Button test = new Button("Test rules", e -> runTest());
    private final Paragraph testOutcome = new Paragraph();
    private final UnorderedList testMatches = new UnorderedList();

    public RulesPanel(RuleService rules, AuthenticationContext authentication) {
        this.rules = rules;
        this.canEdit = authentication.hasRole(AppRoles.OPERATOR);
        addClassName("rw-rules");
        setPadding(false);
        setWidthFull();
        add(header(), rulesGrid(), testForm());
        refresh();
    }

    // ------------------------------------------------------------------ rules

    private HorizontalLayout header() {
        timeZone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        timeZone.setHelperText("Hour and weekday in conditions are read in this zone");
        timeZone.setWidth("18rem");
        timeZone.setReadOnly(!canEdit);
        timeZone.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                try {
                    rules.setTimeZone(e.getValue());
                    Notifications.success("Rules now read time in " + e.getValue());
                } catch (InvalidInputException ex) {
                    FieldErrors.show(ex, Map.of("timeZone", timeZone));
                }
                refresh();
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickListener(e -> new RuleDialog(null, saved -> refresh()).open());
        add.setVisible(canEdit);
        Paragraph note = new Paragraph(canEdit
                ? "Rules run in order before the engine: add/exclude accumulate, the first use_model, use_profile "
                + "or deny that matches ends evaluation."
                : "Rules run in order before the engine. Only operators can change them.");
        note.addClassName("rw-muted");
        HorizontalLayout header = new HorizontalLayout(timeZone, note, add);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.expand(note);
        return header;
    }

    private Grid<RoutingRule> rulesGrid() {
        grid.addClassName("rw-rules-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(RoutingRule::position).setHeader("#").setKey("position").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::enabledToggle).setHeader("On").setKey("enabled").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(RoutingRule::name).setHeader("Name").setKey("name").setAutoWidth(true);
        grid.addColumn(RoutingRule::condition).setHeader("Condition").setKey("condition").setFlexGrow(3)
                .setTooltipGenerator(RoutingRule::condition);
        grid.addColumn(r -> r.action() + " " + r.value()).setHeader("Action").setKey("action").setFlexGrow(2)
                .setTooltipGenerator(r -> r.description().isBlank() ? null : r.description());
        if (canEdit) {
            grid.addComponentColumn(this::rowActions).setHeader("").setKey("actions").setAutoWidth(true)
                    .setFlexGrow(0);
        }
        grid.setEmptyStateText("No rules: every request goes straight to the engine.");
        return grid;
    }

    private Checkbox enabledToggle(RoutingRule r) {
        Checkbox box = new Checkbox(r.enabled());
        box.setAriaLabel("Rule " + r.name() + " enabled");
        box.setReadOnly(!canEdit);
        box.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                rules.setEnabled(r.id(), e.getValue());
                refresh();
            }
        });
        return box;
    }

    private HorizontalLayout rowActions(RoutingRule r) {
        Button up = small(VaadinIcon.ARROW_UP, "Move up", "rw-rule-up", e -> move(r, -1));
        up.setEnabled(r.position() > 1);
        Button down = small(VaadinIcon.ARROW_DOWN, "Move down", "rw-rule-down", e -> move(r, 1));
        down.setEnabled(r.position() < ruleCount);
        Button edit = small(VaadinIcon.EDIT, "Edit", "rw-rule-edit",
                e -> new RuleDialog(r, saved -> refresh()).open());
        Button delete = small(VaadinIcon.TRASH, "Delete", "rw-rule-delete", e -> confirmDelete(r));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout actions = new HorizontalLayout(up, down, edit, delete);
        actions.setSpacing(false);
        return actions;
    }

    private static Button small(VaadinIcon icon, String label, String className,
                                com.vaadin.flow.component.ComponentEventListener<
                                        com.vaadin.flow.component.ClickEvent<Button>> listener) {
        Button b = new Button(icon.create(), listener);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
        b.setAriaLabel(label);
        b.setTooltipText(label);
        b.addClassName(className);
        return b;
    }

    private void move(RoutingRule r, int by) {
        rules.move(r.id(), by);
        refresh();
    }

    private void confirmDelete(RoutingRule r) {
        ConfirmDialog confirm = new ConfirmDialog("Delete rule " + r.name() + "?",
                "Requests will no longer be checked against: " + r.condition(), "Delete", ok -> {
                    rules.delete(r.id());
                    Notifications.success("Deleted rule " + r.name());
                    refresh();
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    void refresh() {
        RuleService.Rules current = rules.list();
        ruleCount = current.rules().size();
        grid.setItems(current.rules());
        timeZone.setValue(current.timeZone());
    }

    // ------------------------------------------------------------------ test form

    private VerticalLayout testForm() {
        testTask.setLabel("Task");
        testTask.setItems(Arrays.stream(TaskLabel.values()).map(TaskLabel::id).toList());
        testTask.setValue(TaskLabel.CODE.id());
        testComplexity.setLabel("Complexity");
        testComplexity.setItems(Arrays.stream(Complexity.values()).map(Complexity::id).toList());
        testComplexity.setValue(Complexity.MEDIUM.id());
        testTokens.setValue(1_000);
        testTokens.setMin(0);
        testPriority.setMin(0);
        testLabels.setPlaceholder("docs, urgent");
        testTime.setValue(LocalDateTime.now().withSecond(0).withNano(0));
        testTime.setHelperText("In the rules' time zone");
        test.addThemeVariants(ButtonVariant.LUMO_CONTRAST);
        FormLayout form = new FormLayout(testTask, testComplexity, testTokens, testPriority, testUser, testTeam,
                testLabels, testTime);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 2), new FormLayout.ResponsiveStep("50em", 4));
        testOutcome.setId("rules-test-outcome");
        testMatches.setId("rules-test-matches");
        VerticalLayout section = new VerticalLayout(new H4("Test a request"), form, test, testOutcome, testMatches);
        section.setPadding(false);
        return section;
    }

    private void runTest() {
        FieldErrors.clear(testFields());
        List<String> labels = Arrays.stream(testLabels.getValue().split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        ZoneId zone = ZoneId.of(rules.list().timeZone());
        RuleService.Sample sample = new RuleService.Sample(testTask.getValue(), testComplexity.getValue(), null,
                testTokens.getValue(), null, testPriority.getValue(), labels, testUser.getValue(),
                testTeam.getValue(), null, null, null,
                testTime.getValue() == null ? null : testTime.getValue().atZone(zone).toInstant());
        try {
            show(rules.test(sample));
        } catch (InvalidInputException e) {
            FieldErrors.show(e, testFields());
        }
    }

    private Map<String, com.vaadin.flow.component.HasValidation> testFields() {
        return Map.of("task", testTask, "complexity", testComplexity, "tokens", testTokens, "time", testTime);
    }

    private void show(RuleService.TestResult result) {
        testOutcome.setText(result.localTime() + " (" + result.timeZone() + "): " + result.outcome());
        testMatches.removeAll();
        for (RuleService.RuleCheck check : result.rules()) {
            String state = !check.matches() ? "does not match" : !check.enabled() ? "would match, but is disabled"
                    : check.applied() ? "matches and applies" : "matches, but an earlier rule decided";
            ListItem item = new ListItem(check.name() + ": " + state);
            if (check.applied()) {
                item.addClassName("rw-rule-applied");
            }
            testMatches.add(item);
        }
    }

    // ------------------------------------------------------------------ dialog

    /** Adds or edits one rule; the condition is validated before anything is saved. */
    final class RuleDialog extends Dialog {

        final TextField name = new TextField("Name");
        final TextField description = new TextField("Description");
        final TextArea condition = new TextArea("Condition");
        final Select<String> action = new Select<>();
        final TextField value = new TextField("Value");
        final Checkbox enabled = new Checkbox("Enabled", true);
        final Span validation = new Span();
        final Button validate = new Button("Validate", e -> check());
        final Button save = new Button("Save", e -> save());
        private final RoutingRule existing;
        private final Consumer<RoutingRule> onSaved;

        RuleDialog(RoutingRule existing, Consumer<RoutingRule> onSaved) {
            this.existing = existing;
            this.onSaved = onSaved;
            setHeaderTitle(existing == null ? "Add rule" : "Edit rule " + existing.name());
            setWidth("44rem");
            condition.setWidthFull();
            condition.setHelperText(CONDITION_HELP);
            condition.setPlaceholder("weekday in [sat, sun] and complexity <= medium");
            action.setLabel("Action");
            action.setItems(Action.Type.ids());
            action.setValue(Action.Type.USE_PROFILE.id());
            action.addValueChangeListener(e -> value.setHelperText(help(e.getValue())));
            value.setHelperText(help(action.getValue()));
            validation.setId("rules-validation");
            if (existing != null) {
                name.setValue(existing.name());
                description.setValue(existing.description());
                condition.setValue(existing.condition());
                action.setValue(existing.action());
                value.setValue(existing.value());
                enabled.setValue(existing.enabled());
            }
            // a refused condition keeps Save off until it is edited again
            condition.addValueChangeListener(e -> edited());
            action.addValueChangeListener(e -> edited());
            value.addValueChangeListener(e -> edited());
            FormLayout form = new FormLayout(name, description, condition, action, value, enabled);
            form.setColspan(condition, 2);
            form.setColspan(description, 2);
            HorizontalLayout validateRow = new HorizontalLayout(validate, validation);
            validateRow.setAlignItems(FlexComponent.Alignment.BASELINE);
            add(form, validateRow);
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            getFooter().add(new Button("Cancel", e -> close()), save);
        }

        private static String help(String action) {
            return switch (Action.Type.fromId(action).orElse(Action.Type.USE_PROFILE)) {
                case USE_MODEL -> "One model id, e.g. openai/gpt-4o-mini";
                case USE_PROFILE -> "eco, balanced or premium";
                case ADD_MODELS -> "Patterns the request may use, e.g. anthropic/*, */gpt-4o*";
                case EXCLUDE_MODELS -> "Patterns the request may not use, e.g. */o3";
                case DENY -> "The message the caller sees";
            };
        }

        private void edited() {
            save.setEnabled(true);
            validation.setText("");
            validation.getElement().removeAttribute("theme");
            FieldErrors.clear(fields());
        }

        /** Validates through the service; marks the field at fault (condition with its column). */
        boolean check() {
            FieldErrors.clear(fields());
            RuleService.Validation result = rules.validate(condition.getValue(), action.getValue(), value.getValue());
            if (result.valid()) {
                validation.setText("Valid");
                validation.getElement().setAttribute("theme", "badge success");
                return true;
            }
            validation.setText(result.error());
            validation.getElement().setAttribute("theme", "badge error");
            FieldErrors.show(new InvalidInputException(result.field(), result.error()), fields());
            save.setEnabled(false);
            return false;
        }

        private void save() {
            if (!check()) {
                return;
            }
            RuleService.RuleDraft draft = new RuleService.RuleDraft(name.getValue(), description.getValue(),
                    enabled.getValue(), condition.getValue(), action.getValue(), value.getValue());
            try {
                RoutingRule saved = existing == null ? rules.create(draft) : rules.update(existing.id(), draft);
                Notifications.success("Saved rule " + saved.name());
                close();
                onSaved.accept(saved);
            } catch (InvalidInputException e) {
                FieldErrors.show(e, fields());
            }
        }

        private Map<String, com.vaadin.flow.component.HasValidation> fields() {
            return Map.of("name", name, "description", description, "condition", condition, "action", action,
                    "value", value);
        }
    }
}
