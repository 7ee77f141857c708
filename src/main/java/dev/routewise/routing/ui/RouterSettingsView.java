package dev.routewise.routing.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.FieldErrors;
import dev.routewise.base.ui.Notifications;
import dev.routewise.catalog.CostTier;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.routing.ProfileDraft;
import dev.routewise.routing.ProfileSettings;
import dev.routewise.routing.RouterConfigService;
import dev.routewise.routing.RouterConfigTransfer;
import dev.routewise.routing.RoutingService;
import dev.routewise.routing.RuleService;
import dev.routewise.routing.QualityService;
import dev.routewise.routing.Workflow;
import dev.routewise.routing.engine.ModelPattern;
import dev.routewise.routing.engine.Profile;
import dev.routewise.routing.engine.Weights;
import dev.routewise.security.AppRoles;
import jakarta.annotation.security.RolesAllowed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Router settings: the active profile, custom profiles and their weights, per-task chains with an override
 * picker, rules, workflows and configuration as code. Everyone signed in reads; operators change.
 */
@Route("router")
@PageTitle("Router settings")
@Menu(order = 350, icon = "vaadin:sliders", title = "Router settings")
@RolesAllowed(AppRoles.VIEWER)
public class RouterSettingsView extends VerticalLayout {

    /** One row of the task table. */
    public record TaskRow(TaskLabel task, List<String> chain, String override) {
        public String primary() {
            return chain.isEmpty() ? "no eligible model" : chain.getFirst();
        }
    }

    private final RoutingService routing;
    private final RouterConfigService config;
    private final boolean canEdit;

    final RadioButtonGroup<String> activeProfile = new RadioButtonGroup<>("Active profile");
    final com.vaadin.flow.component.checkbox.Checkbox presets = new com.vaadin.flow.component.checkbox.Checkbox(
            "Built-in profiles follow the shipped task presets (seed 000) while their models are in the catalog");
    final Grid<ProfileSettings> profiles = new Grid<>();
    final Select<String> taskProfile = new Select<>();
    final Grid<TaskRow> tasks = new Grid<>();
    final Grid<Workflow> workflows = new Grid<>();
    final TabSheet tabs = new TabSheet();
    private boolean refreshing;

    public RouterSettingsView(RoutingService routing, RouterConfigService config, RouterConfigTransfer transfer,
                              RuleService rules, QualityService quality, AuthenticationContext authentication) {
        this.routing = routing;
        this.config = config;
        this.canEdit = authentication.hasRole(AppRoles.OPERATOR);
        addClassName("rw-page");
        setWidthFull();

        tabs.setWidthFull();
        tabs.add("Profiles", profilesTab());
        tabs.add("Tasks", tasksTab());
        tabs.add("Rules", new RulesPanel(rules, authentication));
        tabs.add("Workflows", workflowsTab());
        tabs.add("Quality", new QualityPanel(quality, canEdit));
        tabs.add("Config as code", new ConfigAsCodePanel(transfer, authentication.hasRole(AppRoles.ADMIN),
                this::refresh));
        add(tabs);
        refresh();
    }

    private void refresh() {
        refreshing = true;
        try {
            var current = config.current();
            activeProfile.setItems(current.profileNames());
            activeProfile.setValue(current.activeProfile());
            presets.setValue(current.presets());
            profiles.setItems(current.profiles());
            List<String> names = current.profileNames();
            String chosen = taskProfile.getValue() != null && names.contains(taskProfile.getValue())
                    ? taskProfile.getValue() : current.activeProfile();
            taskProfile.setItems(names);
            taskProfile.setValue(chosen);
            refreshTasks();
            workflows.setItems(current.workflows().values());
        } finally {
            refreshing = false;
        }
    }

    // ------------------------------------------------------------------ profiles

    private Component profilesTab() {
        activeProfile.setItemLabelGenerator(name -> name + " - " + description(name));
        activeProfile.addThemeVariants(com.vaadin.flow.component.radiobutton.RadioGroupVariant.LUMO_VERTICAL);
        activeProfile.setReadOnly(!canEdit);
        activeProfile.setHelperText("Requests that name no profile use this one.");
        activeProfile.setId("active-profile");
        activeProfile.addValueChangeListener(e -> {
            if (refreshing || !e.isFromClient() || e.getValue() == null) {
                return;
            }
            run(() -> config.setActiveProfile(e.getValue()), "Active profile: " + e.getValue());
        });

        profiles.addComponentColumn(p -> {
            Span name = new Span(p.name());
            if (p.name().equals(config.current().activeProfile())) {
                Span badge = new Span("active");
                badge.getElement().getThemeList().add("badge success small");
                return new HorizontalLayout(name, badge);
            }
            if (p.edited()) {
                Span badge = new Span("edited");
                badge.getElement().getThemeList().add("badge contrast small");
                return new HorizontalLayout(name, badge);
            }
            return name;
        }).setHeader("Profile").setAutoWidth(true).setFlexGrow(0);
        // descriptions are in the active-profile choice above; the grid keeps to the settings
        profiles.addColumn(p -> String.join(" > ", p.profile().tierPreference().stream().map(CostTier::key)
                .toList())).setHeader("Tiers").setAutoWidth(true).setFlexGrow(0);
        profiles.addColumn(p -> weightsText(p.profile().weights())).setHeader("Weights cap/cost/qual/lat/hist")
                .setAutoWidth(true).setFlexGrow(0);
        profiles.addColumn(p -> p.profile().pool().isEmpty() ? "all models"
                : String.join(", ", p.profile().pool().stream().map(ModelPattern::glob).toList()))
                .setHeader("Pool").setFlexGrow(1);
        profiles.addColumn(p -> p.fallbackModel() == null ? "" : p.fallbackModel()).setHeader("Fallback model")
                .setFlexGrow(1);
        if (canEdit) {
            profiles.addComponentColumn(p -> {
                Button edit = new Button("Edit", e -> new ProfileDialog(p).open());
                edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
                Button delete = new Button(p.builtIn() ? "Reset" : "Delete", e -> confirmDelete(p));
                delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                delete.setEnabled(!p.builtIn() || p.edited());
                return new HorizontalLayout(edit, delete);
            }).setAutoWidth(true).setFlexGrow(0);
        }
        profiles.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        profiles.setAllRowsVisible(true);
        profiles.setWidthFull();
        profiles.setId("profiles");

        Button add = new Button("New profile", e -> new ProfileDialog(null).open());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canEdit);
        add.setId("new-profile");
        Paragraph help = new Paragraph("A decision filters out models that cannot serve the request, then scores "
                + "the rest by capability (task fit), cost, quality, latency and history with the profile's "
                + "weights, nudged towards the profile's cost tiers. A pool limits a profile to matching models, "
                + "e.g. anthropic/*; the fallback model ends every chain.");
        help.addClassName("rw-muted");
        presets.setReadOnly(!canEdit);
        presets.setId("presets");
        presets.setTooltipText("e.g. balanced sends code to claude-sonnet-4.5, then gpt-4o; eco sends it to "
                + "gemini-2.0-flash. Off: every task is scored.");
        presets.addValueChangeListener(e -> {
            if (!refreshing && e.isFromClient()) {
                run(() -> config.setPresets(e.getValue()), "Seed presets " + (e.getValue() ? "on" : "off"));
            }
        });
        VerticalLayout tab = new VerticalLayout(activeProfile, presets, new H4("Profiles"), help, profiles, add);
        tab.setWidthFull();
        return tab;
    }

    private void confirmDelete(ProfileSettings p) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader(p.builtIn() ? "Reset " + p.name() + "?" : "Delete " + p.name() + "?");
        confirm.setText(p.builtIn() ? "Its shipped weights, tiers and pool come back."
                : "Its task overrides are deleted too.");
        confirm.setCancelable(true);
        confirm.setConfirmText(p.builtIn() ? "Reset" : "Delete");
        confirm.addConfirmListener(e -> run(() -> config.deleteProfile(p.name()),
                (p.builtIn() ? "Reset " : "Deleted ") + p.name()));
        confirm.open();
    }

    /** Create or edit one profile. */
    final class ProfileDialog extends Dialog {

        final TextField name = new TextField("Name");
        final TextField description = new TextField("Description");
        final Map<String, NumberField> weights = new LinkedHashMap<>();
        final List<Select<String>> tiers = new ArrayList<>();
        final NumberField tierWeight = new NumberField("Tier weight");
        final TextArea pool = new TextArea("Pool (one pattern per line, empty = all models)");
        final ComboBox<String> fallback = new ComboBox<>("Fallback model");
        private final ProfileSettings editing;

        ProfileDialog(ProfileSettings editing) {
            this.editing = editing;
            setHeaderTitle(editing == null ? "New profile" : "Profile " + editing.name());
            setWidth("44rem");
            Profile base = editing == null ? Profile.BALANCED : editing.profile();
            name.setValue(editing == null ? "" : editing.name());
            name.setReadOnly(editing != null);
            name.setPlaceholder("e.g. anthropic-only");
            description.setValue(base.description());
            FormLayout form = new FormLayout(name, description);
            form.setColspan(description, 2);

            double[] shares = {base.weights().capability(), base.weights().cost(), base.weights().quality(),
                    base.weights().latency(), base.weights().historical()};
            HorizontalLayout weightRow = new HorizontalLayout();
            for (int i = 0; i < RouterConfigService.FACTORS.size(); i++) {
                String factor = RouterConfigService.FACTORS.get(i);
                NumberField f = new NumberField(factor);
                f.setMin(0);
                f.setStep(1);
                f.setWidth("6.5rem");
                f.setValue((double) Math.round(shares[i] * 1000) / 10.0);
                f.setId("weight-" + factor);
                weights.put(factor, f);
                weightRow.add(f);
            }
            Span weightHelp = new Span("Weights are shares: any scale, normalised to 100%.");
            weightHelp.addClassName("rw-muted");

            HorizontalLayout tierRow = new HorizontalLayout();
            List<String> options = List.of("", "low", "medium", "high");
            for (int i = 0; i < 3; i++) {
                Select<String> t = new Select<>();
                t.setLabel(i == 0 ? "Preferred tier" : "then");
                t.setItems(options);
                t.setItemLabelGenerator(v -> v.isEmpty() ? "-" : v);
                t.setValue(i < base.tierPreference().size() ? base.tierPreference().get(i).key() : "");
                t.setWidth("8rem");
                tiers.add(t);
                tierRow.add(t);
            }
            tierWeight.setMin(0);
            tierWeight.setMax(1);
            tierWeight.setStep(0.05);
            tierWeight.setValue(base.tierWeight());
            tierWeight.setWidth("8rem");
            tierWeight.setHelperText("0 to 1");
            tierRow.add(tierWeight);

            pool.setWidthFull();
            pool.setValue(String.join("\n", base.pool().stream().map(ModelPattern::glob).toList()));
            fallback.setItems(routing.modelIds());
            fallback.setAllowCustomValue(true);
            fallback.addCustomValueSetListener(e -> fallback.setValue(e.getDetail()));
            fallback.setClearButtonVisible(true);
            fallback.setWidthFull();
            if (editing != null && editing.fallbackModel() != null) {
                fallback.setValue(editing.fallbackModel());
            }
            fallback.setHelperText("Tried last in every chain of this profile, when it fits the request");

            add(new VerticalLayout(form, new H4("Weights"), weightRow, weightHelp, tierRow, pool, fallback));
            Button save = new Button("Save", e -> save());
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.setId("save-profile");
            getFooter().add(new Button("Cancel", e -> close()), save);
        }

        void save() {
            Map<String, NumberField> fields = fieldMap();
            FieldErrors.clear(fields);
            Map<String, Double> w = new LinkedHashMap<>();
            weights.forEach((factor, f) -> w.put(factor, f.getValue() == null ? 0.0 : f.getValue()));
            List<String> preference = tiers.stream().map(Select::getValue).filter(v -> v != null && !v.isEmpty())
                    .toList();
            List<String> globs = Arrays.stream(pool.getValue().split("\n")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
            ProfileDraft draft = new ProfileDraft(name.getValue(), description.getValue(), w, preference,
                    tierWeight.getValue(), globs, fallback.getValue() == null ? "" : fallback.getValue());
            try {
                ProfileSettings saved = editing == null ? config.createProfile(draft)
                        : config.updateProfile(editing.name(), draft);
                Notifications.success("Saved profile " + saved.name());
                close();
                refresh();
            } catch (InvalidInputException e) {
                FieldErrors.show(e, fieldsForErrors());
            }
        }

        private Map<String, NumberField> fieldMap() {
            Map<String, NumberField> map = new LinkedHashMap<>();
            weights.forEach((k, v) -> map.put("weights." + k, v));
            map.put("tierWeight", tierWeight);
            return map;
        }

        private Map<String, com.vaadin.flow.component.HasValidation> fieldsForErrors() {
            Map<String, com.vaadin.flow.component.HasValidation> map = new LinkedHashMap<>(fieldMap());
            map.put("name", name);
            map.put("description", description);
            map.put("weights", weights.get("capability"));
            map.put("tierPreference", tiers.getFirst());
            map.put("pool", pool);
            map.put("fallbackModel", fallback);
            return map;
        }
    }

    // ------------------------------------------------------------------ tasks

    private Component tasksTab() {
        taskProfile.setLabel("Profile");
        taskProfile.setId("task-profile");
        taskProfile.addValueChangeListener(e -> {
            if (!refreshing) {
                refreshTasks();
            }
        });
        tasks.addColumn(r -> r.task().id()).setHeader("Task").setAutoWidth(true).setFlexGrow(0);
        tasks.addColumn(TaskRow::primary).setHeader("Primary model").setTooltipGenerator(TaskRow::primary)
                .setFlexGrow(2);
        tasks.addColumn(r -> r.chain().size() <= 1 ? "" : String.join(" > ", r.chain().subList(1, r.chain().size())))
                .setHeader("Fallback chain").setFlexGrow(2);
        tasks.addComponentColumn(this::overrideCell).setHeader("Override").setKey("override").setFlexGrow(1);
        tasks.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        tasks.setAllRowsVisible(true);
        tasks.setWidthFull();
        tasks.setId("tasks");
        Paragraph help = new Paragraph("What each task gets right now for a typical medium request (about 1,000 "
                + "tokens in, 500 out), derived from the catalog. An override forces a model for the task while it "
                + "fits the request.");
        help.addClassName("rw-muted");
        VerticalLayout tab = new VerticalLayout(taskProfile, help, tasks);
        tab.setWidthFull();
        return tab;
    }

    private Component overrideCell(TaskRow row) {
        if (!canEdit) {
            return new Span(row.override() == null ? "" : row.override());
        }
        ComboBox<String> picker = new ComboBox<>();
        picker.setItems(routing.modelIds());
        picker.setAllowCustomValue(true);
        picker.setClearButtonVisible(true);
        picker.setPlaceholder("scored");
        picker.setWidthFull();
        picker.setValue(row.override());
        picker.setId("override-" + row.task().id());
        picker.addCustomValueSetListener(e -> picker.setValue(e.getDetail()));
        picker.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            String profile = taskProfile.getValue();
            if (e.getValue() == null || e.getValue().isBlank()) {
                run(() -> config.clearOverride(profile, row.task().id()), "Override of " + row.task().id()
                        + " cleared");
            } else {
                run(() -> config.setOverride(profile, row.task().id(), e.getValue()), row.task().id() + " -> "
                        + e.getValue());
            }
        });
        return picker;
    }

    private void refreshTasks() {
        String profile = taskProfile.getValue();
        if (profile == null) {
            return;
        }
        Map<TaskLabel, String> overrides = config.current().overridesOf(profile);
        List<TaskRow> rows = new ArrayList<>();
        routing.taskChains(profile).forEach((task, chain) -> rows.add(new TaskRow(task, chain, overrides.get(task))));
        tasks.setItems(rows);
    }

    // ------------------------------------------------------------------ workflows

    private Component workflowsTab() {
        workflows.addColumn(Workflow::name).setHeader("Workflow").setAutoWidth(true).setFlexGrow(0);
        workflows.addColumn(w -> String.join("  >  ", w.stages().stream().map(s -> s.name() + ": "
                + (s.model() != null ? s.model() : "profile " + s.profile())).toList())).setHeader("Stages")
                .setFlexGrow(1);
        if (canEdit) {
            workflows.addComponentColumn(w -> {
                Button edit = new Button("Edit", e -> new WorkflowDialog(w).open());
                edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
                Button delete = new Button("Delete", e -> run(() -> config.deleteWorkflow(w.name()),
                        "Deleted workflow " + w.name()));
                delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                return new HorizontalLayout(edit, delete);
            }).setAutoWidth(true).setFlexGrow(0);
        }
        workflows.addThemeVariants(GridVariant.LUMO_COMPACT);
        workflows.setAllRowsVisible(true);
        workflows.setId("workflows");
        Button add = new Button("New workflow", e -> new WorkflowDialog(null).open());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canEdit);
        add.setId("new-workflow");
        Paragraph help = new Paragraph("A workflow sends each of its stages, e.g. plan, implement, review, to a "
                + "model or a profile. Requests name it in their context: {\"workflow\": \"feature-dev\", "
                + "\"stage\": \"review\"}.");
        help.addClassName("rw-muted");
        return new VerticalLayout(help, workflows, add);
    }

    /** Create or edit a workflow: a name and its stages in order. */
    final class WorkflowDialog extends Dialog {

        record StageRow(TextField name, Select<String> kind, ComboBox<String> target, HorizontalLayout layout) {
        }

        final TextField name = new TextField("Name");
        final List<StageRow> rows = new ArrayList<>();
        private final VerticalLayout stages = new VerticalLayout();

        WorkflowDialog(Workflow editing) {
            setHeaderTitle(editing == null ? "New workflow" : "Workflow " + editing.name());
            setWidth("48rem");
            name.setPlaceholder("e.g. feature-dev");
            if (editing != null) {
                name.setValue(editing.name());
                name.setReadOnly(true);
                editing.stages().forEach(s -> addStage(s.name(), s.model() != null ? "model" : "profile",
                        s.model() != null ? s.model() : s.profile()));
            } else {
                addStage("plan", "profile", "premium");
                addStage("implement", "profile", "balanced");
                addStage("review", "profile", "premium");
            }
            stages.setPadding(false);
            Button addStage = new Button("Add stage", e -> addStage("", "profile", config.current().activeProfile()));
            addStage.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            add(new VerticalLayout(name, stages, addStage));
            Button save = new Button("Save", e -> save());
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.setId("save-workflow");
            getFooter().add(new Button("Cancel", e -> close()), save);
        }

        void addStage(String stage, String kind, String target) {
            TextField stageName = new TextField();
            stageName.setPlaceholder("stage");
            stageName.setValue(stage);
            stageName.setWidth("10rem");
            Select<String> kindSelect = new Select<>();
            kindSelect.setItems("profile", "model");
            kindSelect.setWidth("8rem");
            ComboBox<String> targetBox = new ComboBox<>();
            targetBox.setAllowCustomValue(true);
            targetBox.addCustomValueSetListener(e -> targetBox.setValue(e.getDetail()));
            targetBox.setWidth("20rem");
            kindSelect.addValueChangeListener(e -> {
                targetBox.setItems("model".equals(e.getValue()) ? routing.modelIds()
                        : config.current().profileNames());
                targetBox.clear();
            });
            kindSelect.setValue(kind);
            targetBox.setValue(target);
            HorizontalLayout layout = new HorizontalLayout(stageName, kindSelect, targetBox);
            layout.setAlignItems(FlexComponent.Alignment.BASELINE);
            StageRow row = new StageRow(stageName, kindSelect, targetBox, layout);
            Button remove = new Button("Remove", e -> {
                rows.remove(row);
                stages.remove(layout);
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            layout.add(remove);
            rows.add(row);
            stages.add(layout);
        }

        void save() {
            name.setInvalid(false);
            rows.forEach(r -> {
                r.name().setInvalid(false);
                r.target().setInvalid(false);
            });
            List<Workflow.Stage> list = rows.stream().map(r -> "model".equals(r.kind().getValue())
                    ? new Workflow.Stage(r.name().getValue(), r.target().getValue(), null)
                    : new Workflow.Stage(r.name().getValue(), null, r.target().getValue())).toList();
            try {
                Workflow saved = config.saveWorkflow(name.getValue(), list);
                Notifications.success("Saved workflow " + saved.name());
                close();
                refresh();
            } catch (InvalidInputException e) {
                Map<String, com.vaadin.flow.component.HasValidation> fields = new LinkedHashMap<>();
                fields.put("name", name);
                for (int i = 0; i < rows.size(); i++) {
                    fields.put("stages[" + i + "].name", rows.get(i).name());
                    fields.put("stages[" + i + "]", rows.get(i).target());
                    fields.put("stages[" + i + "].model", rows.get(i).target());
                }
                FieldErrors.show(e, fields);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private void run(Runnable change, String done) {
        try {
            change.run();
            Notifications.success(done);
        } catch (InvalidInputException e) {
            Notifications.error(e.getMessage());
        }
        refresh();
    }

    private String description(String name) {
        return config.current().profile(name).map(p -> p.profile().description()).orElse("");
    }

    private static String weightsText(Weights w) {
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %.0f / %.0f", w.capability() * 100, w.cost() * 100,
                w.quality() * 100, w.latency() * 100, w.historical() * 100);
    }
}
