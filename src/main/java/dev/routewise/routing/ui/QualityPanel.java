package dev.routewise.routing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.FieldErrors;
import dev.routewise.base.ui.Notifications;
import dev.routewise.routing.QualityService;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The quality figures the capability and quality factors come from; operators correct or add them. */
class QualityPanel extends VerticalLayout {

    final Grid<QualityService.QualityEntry> grid = new Grid<>();
    private final QualityService quality;
    private final boolean canEdit;

    QualityPanel(QualityService quality, boolean canEdit) {
        this.quality = quality;
        this.canEdit = canEdit;
        setPadding(false);
        setWidthFull();
        Paragraph help = new Paragraph("General quality (0-100) and per-task fit (0-1) per model name. Shipped figures "
                + "are Arena-Hard-Auto scores of the public leaderboard; a name matches dated and gateway ids too "
                + "(gpt-4o matches openrouter/openai/gpt-4o-2024-08-06). Models not listed get a default by cost tier.");
        help.addClassName("rw-muted");
        grid.addColumn(QualityService.QualityEntry::key).setHeader("Model").setAutoWidth(true).setFlexGrow(0)
                .setSortable(true);
        grid.addColumn(e -> String.format(Locale.ROOT, "%.1f", e.quality())).setHeader("Quality").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> fits(e.taskFit())).setHeader("Task fit").setFlexGrow(1);
        grid.addComponentColumn(e -> {
            Span source = new Span(e.source());
            source.getElement().getThemeList().add(e.edited() ? "badge contrast small" : "badge small");
            return source;
        }).setHeader("Source").setAutoWidth(true).setFlexGrow(0);
        if (canEdit) {
            grid.addComponentColumn(e -> {
                Button edit = new Button("Edit", click -> new EntryDialog(e).open());
                edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
                HorizontalLayout actions = new HorizontalLayout(edit);
                if (e.edited()) {
                    Button reset = new Button("Reset", click -> {
                        quality.reset(e.key());
                        Notifications.success("Quality of " + e.key() + " reset");
                        refresh();
                    });
                    reset.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                    actions.add(reset);
                }
                return actions;
            }).setAutoWidth(true).setFlexGrow(0);
        }
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setHeight("28rem");
        grid.setId("quality");
        Button add = new Button("Add model", e -> new EntryDialog(null).open());
        add.setVisible(canEdit);
        add.setId("quality-add");
        add(help, grid, add);
        refresh();
    }

    private void refresh() {
        grid.setItems(quality.list());
    }

    private static String fits(Map<String, Double> fits) {
        return fits.entrySet().stream().map(f -> f.getKey() + " " + f.getValue()).collect(Collectors.joining(", "));
    }

    /** Edit one model's figures; task fits typed as "code=0.9, debugging=0.85". */
    final class EntryDialog extends Dialog {

        final TextField key = new TextField("Model name");
        final NumberField value = new NumberField("Quality (0-100)");
        final TextField taskFit = new TextField("Task fit (e.g. code=0.9, creative=0.6)");

        EntryDialog(QualityService.QualityEntry entry) {
            setHeaderTitle(entry == null ? "Add model quality" : "Quality of " + entry.key());
            key.setValue(entry == null ? "" : entry.key());
            key.setReadOnly(entry != null);
            key.setId("quality-key");
            value.setMin(0);
            value.setMax(100);
            value.setId("quality-value");
            if (entry != null) {
                value.setValue(entry.quality());
                taskFit.setValue(entry.taskFit().entrySet().stream().map(f -> f.getKey() + "=" + f.getValue())
                        .collect(Collectors.joining(", ")));
            }
            taskFit.setWidthFull();
            taskFit.setId("quality-fit");
            add(new VerticalLayout(key, value, taskFit));
            Button save = new Button("Save", e -> save());
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.setId("quality-save");
            getFooter().add(new Button("Cancel", e -> close()), save);
            setWidth("32rem");
        }

        void save() {
            Map<String, com.vaadin.flow.component.HasValidation> fields = Map.of("key", key, "quality", value,
                    "taskFit", taskFit);
            FieldErrors.clear(fields);
            try {
                Map<String, Double> fits = new LinkedHashMap<>();
                for (String part : taskFit.getValue().split(",")) {
                    if (part.isBlank()) {
                        continue;
                    }
                    String[] kv = part.split("=");
                    if (kv.length != 2) {
                        throw new InvalidInputException("taskFit", "Write task fits as task=value, e.g. code=0.9");
                    }
                    try {
                        fits.put(kv[0].strip(), Double.parseDouble(kv[1].strip()));
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException("taskFit", "'" + kv[1].strip() + "' is not a number");
                    }
                }
                quality.set(key.getValue(), new QualityService.QualityChange(value.getValue(), fits));
                Notifications.success("Saved quality of " + dev.routewise.routing.engine.QualityTable.key(key.getValue()));
                close();
                refresh();
            } catch (InvalidInputException e) {
                Map<String, com.vaadin.flow.component.HasValidation> byField = new LinkedHashMap<>(fields);
                e.errors().forEach(err -> {
                    if (err.field().startsWith("taskFit.")) {
                        byField.put(err.field(), taskFit);
                    }
                });
                FieldErrors.show(e, byField);
            }
        }
    }
}
