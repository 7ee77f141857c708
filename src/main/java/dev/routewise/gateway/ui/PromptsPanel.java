package dev.routewise.gateway.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.FieldErrors;
import dev.routewise.base.ui.Notifications;
import dev.routewise.gateway.GatewaySettingsService;
import dev.routewise.gateway.GatewaySettingsService.PromptTemplate;
import dev.routewise.routing.RoutingService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prompts tab of the Gateway view: the system-prompt templates the gateway adds when a request lands on a model,
 * a provider's models or any model, with a dialog to add or edit one and a confirmation before one is deleted.
 * Viewers read the list.
 */
final class PromptsPanel extends VerticalLayout {

    /** How much of a template's text its row shows; the tooltip has all of it. */
    static final int SHORT_TEXT = 90;

    private final GatewaySettingsService settings;
    private final RoutingService routing;
    private final boolean canEdit;

    final Grid<PromptTemplate> grid = new Grid<>();
    final Button add = new Button("Add template", VaadinIcon.PLUS.create(), e -> new TemplateDialog(null).open());

    PromptsPanel(GatewaySettingsService settings, RoutingService routing, boolean canEdit) {
        this.settings = settings;
        this.routing = routing;
        this.canEdit = canEdit;
        addClassName("rw-prompts");
        setPadding(false);
        setWidthFull();

        Paragraph help = new Paragraph("A template adds text to the system prompt of requests that land on a "
                + "model. The most specific one applies: the model's own, else its provider's (provider/*), else "
                + "the one for every model (*). A request without a system prompt gets the text as its system "
                + "prompt.");
        help.addClassName("rw-muted");

        // targets wrap rather than squeeze the text out of sight
        grid.addColumn(PromptTemplate::target).setHeader("Target").setKey("target").setWidth("12rem")
                .setFlexGrow(1).setResizable(true).setPartNameGenerator(t -> "mono");
        grid.addColumn(PromptTemplate::position).setHeader("Position").setKey("position").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(t -> CallFormats.badge(t.enabled() ? "enabled" : "disabled",
                t.enabled() ? "badge success small" : "badge contrast small")).setHeader("State").setKey("enabled")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(t -> shorten(t.text())).setHeader("Text").setKey("text").setWidth("16rem").setFlexGrow(2)
                .setTooltipGenerator(PromptTemplate::text);
        if (canEdit) {
            grid.addComponentColumn(t -> {
                Button edit = new Button("Edit", e -> new TemplateDialog(t).open());
                edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
                Button delete = new Button("Delete", e -> confirmDelete(t));
                delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY,
                        ButtonVariant.LUMO_ERROR);
                return new HorizontalLayout(edit, delete);
            }).setKey("actions").setAutoWidth(true).setFlexGrow(0);
        }
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES,
                GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addClassName("rw-gateway-prompts");
        grid.setAllRowsVisible(true);
        grid.setWidthFull();
        grid.setEmptyStateText("No templates: every model gets the system prompt the request brought.");

        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setVisible(canEdit);
        HorizontalLayout header = new HorizontalLayout(help, add);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(help);
        add(header, grid);
        if (!canEdit) {
            Paragraph readOnly = new Paragraph("Operators edit templates.");
            readOnly.addClassName("rw-muted");
            add(readOnly);
        }
    }

    void refresh() {
        grid.setItems(settings.templates());
        // auto widths were measured on the rows shown before
        grid.recalculateColumnWidths();
    }

    /** A template's text on one line, cut to {@link #SHORT_TEXT} characters. */
    static String shorten(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= SHORT_TEXT ? flat : flat.substring(0, SHORT_TEXT - 1).strip() + "…";
    }

    /**
     * What a template may target: every model, each provider of the catalog's models (the part of a model id
     * before its first slash, as the gateway matches them) and each model.
     */
    static List<String> targets(List<String> modelIds) {
        List<String> targets = new ArrayList<>();
        targets.add("*");
        modelIds.stream().filter(id -> id.indexOf('/') > 0).map(id -> id.substring(0, id.indexOf('/')) + "/*")
                .distinct().sorted().forEach(targets::add);
        targets.addAll(modelIds);
        return targets;
    }

    private void confirmDelete(PromptTemplate t) {
        ConfirmDialog confirm = new ConfirmDialog("Delete the template for " + t.target() + "?",
                "Requests to " + describe(t.target()) + " will no longer get: " + shorten(t.text()), "Delete",
                ok -> {
                    settings.deleteTemplate(t.id());
                    Notifications.success("Template for " + t.target() + " deleted");
                    refresh();
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    private static String describe(String target) {
        return target.equals("*") ? "every model" : target.endsWith("/*")
                ? "models of " + target.substring(0, target.length() - 2) : target;
    }

    /** Adds (no template given) or edits a template; the service's verdict on a field is shown at that field. */
    final class TemplateDialog extends Dialog {

        final ComboBox<String> target = new ComboBox<>("Target");
        final RadioButtonGroup<String> position = new RadioButtonGroup<>("Position");
        final TextArea text = new TextArea("Text");
        final Checkbox enabled = new Checkbox("Enabled", true);
        final Button save = new Button("Save", e -> save());
        private final PromptTemplate existing;

        TemplateDialog(PromptTemplate existing) {
            this.existing = existing;
            setHeaderTitle(existing == null ? "Add template" : "Edit the template for " + existing.target());
            setWidth("44rem");
            addClassName("rw-prompt-dialog");

            target.setItems(targets(routing.modelIds()));
            target.setAllowCustomValue(true);
            target.addCustomValueSetListener(e -> target.setValue(e.getDetail()));
            target.setPlaceholder("provider/model, provider/* or *");
            target.setHelperText("A model id, every model of a provider (provider/*) or every model (*)");
            target.setWidthFull();
            position.setItems("prepend", "append");
            position.setItemLabelGenerator(p -> p.equals("prepend") ? "Before the system prompt"
                    : "After the system prompt");
            position.setValue("prepend");
            text.setWidthFull();
            text.setMinRows(5);
            text.setPlaceholder("You are answering through {model}. Keep answers short.");
            text.setHelperText("{model} becomes the id of the model the request lands on");
            if (existing != null) {
                target.setValue(existing.target());
                position.setValue(existing.position());
                text.setValue(existing.text());
                enabled.setValue(existing.enabled());
            }
            VerticalLayout form = new VerticalLayout(target, position, text, enabled);
            form.setPadding(false);
            add(form);
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            getFooter().add(new Button("Cancel", e -> close()), save);
        }

        private void save() {
            FieldErrors.clear(fields());
            try {
                PromptTemplate saved = settings.saveTemplate(new PromptTemplate(existing == null ? null
                        : existing.id(), target.getValue(), position.getValue(), text.getValue(),
                        enabled.getValue()));
                Notifications.success("Template for " + saved.target() + " saved");
                close();
                refresh();
            } catch (InvalidInputException e) {
                FieldErrors.show(e, fields());
            }
        }

        private Map<String, HasValidation> fields() {
            Map<String, HasValidation> fields = new LinkedHashMap<>();
            fields.put("target", target);
            fields.put("position", position);
            fields.put("text", text);
            return fields;
        }
    }
}
