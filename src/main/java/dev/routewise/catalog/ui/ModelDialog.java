package dev.routewise.catalog.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.FieldErrors;
import dev.routewise.base.ui.Notifications;
import dev.routewise.catalog.CatalogModel;
import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.CostTier;
import dev.routewise.catalog.ModelEdit;

import java.util.Map;
import java.util.Objects;

/** Hand edits of one model; what is set here survives re-discovery. */
class ModelDialog extends Dialog {

    private final CatalogService catalog;
    private final CatalogModel model;
    private final Runnable onSaved;
    final TextField displayName = new TextField("Display name");
    final Select<String> tier = new Select<>();
    final BigDecimalField input = new BigDecimalField("Input $ / million tokens");
    final BigDecimalField output = new BigDecimalField("Output $ / million tokens");
    final Checkbox enabled = new Checkbox("Enabled for routing");

    ModelDialog(CatalogService catalog, CatalogModel model, Runnable onSaved) {
        this.catalog = catalog;
        this.model = model;
        this.onSaved = onSaved;
        setHeaderTitle(model.id());
        setWidth("36rem");
        displayName.setValue(model.displayName());
        tier.setLabel("Cost tier");
        tier.setItems("(inferred from prices)", "low", "medium", "high");
        tier.setValue("manual".equals(model.tierOrigin()) && model.costTier() != null ? model.costTier().key()
                : "(inferred from prices)");
        input.setValue(model.inputPricePerMTok());
        output.setValue(model.outputPricePerMTok());
        input.setHelperText(model.priced() ? "from " + model.priceOrigin() : "unknown: leave both blank to keep it unpriced");
        enabled.setValue(model.enabled());
        FormLayout form = new FormLayout(displayName, tier, input, output, enabled);
        form.setColspan(displayName, 2);
        Paragraph note = new Paragraph("Fields you change here are kept when the source is discovered again.");
        note.addClassName("rw-muted");
        add(note, form);

        Button clear = new Button("Clear hand edits", e -> {
            catalog.clearManualEdits(model.rowId());
            Notifications.success("Hand edits cleared; the next sync fills these fields again");
            close();
            onSaved.run();
        });
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        clear.setEnabled(!model.manualFields().isEmpty());
        Button save = new Button("Save", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(clear, new Button("Cancel", e -> close()), save);
    }

    private void save() {
        Map<String, HasValidation> fields = Map.of("displayName", displayName, "inputPricePerMTok", input,
                "outputPricePerMTok", output);
        FieldErrors.clear(fields);
        boolean nameChanged = !displayName.getValue().equals(model.displayName());
        boolean pricesChanged = !sameDecimal(input.getValue(), model.inputPricePerMTok())
                || !sameDecimal(output.getValue(), model.outputPricePerMTok());
        String tierValue = tier.getValue();
        boolean manualTier = !tierValue.startsWith("(");
        boolean tierChanged = manualTier && (model.costTier() == null || !tierValue.equals(model.costTier().key())
                || !"manual".equals(model.tierOrigin()));
        boolean enabledChanged = enabled.getValue() != model.enabled();
        try {
            catalog.edit(model.rowId(), new ModelEdit(nameChanged, displayName.getValue(), tierChanged,
                    manualTier ? CostTier.fromKey(tierValue) : null, pricesChanged, input.getValue(),
                    output.getValue(), enabledChanged, enabled.getValue()));
            Notifications.success("Saved " + model.id());
            close();
            onSaved.run();
        } catch (InvalidInputException e) {
            FieldErrors.show(e, fields);
        }
    }

    private static boolean sameDecimal(java.math.BigDecimal a, java.math.BigDecimal b) {
        return Objects.equals(a, b) || a != null && b != null && a.compareTo(b) == 0;
    }
}
