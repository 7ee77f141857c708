package dev.routewise.gateway.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.FieldErrors;
import dev.routewise.base.ui.Notifications;
import dev.routewise.gateway.GatewaySettingsService;
import dev.routewise.gateway.GatewaySettingsService.Cascade;
import dev.routewise.routing.RoutingService;
import dev.routewise.routing.engine.Profile;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Cascade tab of the Gateway view: for each routing profile, whether the gateway first tries a cheaper model and
 * which one. Each profile is saved on its own, so turning one on never touches another's unsaved change. Viewers
 * see the same rows without the means to change them.
 */
final class CascadePanel extends VerticalLayout {

    static final String CHEAPEST = "the cheapest model that fits each request";

    private final GatewaySettingsService settings;
    private final RoutingService routing;
    private final boolean canEdit;
    private final Div rows = new Div();

    CascadePanel(GatewaySettingsService settings, RoutingService routing, boolean canEdit) {
        this.settings = settings;
        this.routing = routing;
        this.canEdit = canEdit;
        addClassName("rw-cascade");
        setPadding(false);
        setWidthFull();

        Paragraph how = new Paragraph("With a cascade on, the gateway first asks a cheaper model: the one picked "
                + "here when it fits the request, or else " + CHEAPEST + " and costs less than the router's choice. "
                + "It escalates to the router's model when that answer is empty, a refusal, cut off by the length "
                + "limit, stopped by a content filter, or not valid JSON when the request asked for JSON. The "
                + "cheaper attempt's cost counts even when it escalates, and it is asked without streaming so its "
                + "answer can be checked: streaming clients get their first token after the check.");
        how.addClassName("rw-muted");
        rows.addClassName("rw-cascade-rows");
        rows.setWidthFull();
        add(how, rows);
        if (!canEdit) {
            Paragraph readOnly = new Paragraph("Operators change cascades.");
            readOnly.addClassName("rw-muted");
            add(readOnly);
        }
    }

    /** Rebuilds the rows from the profiles and cascades as they are now. */
    void refresh() {
        Map<String, Cascade> cascades = settings.cascades().stream()
                .collect(Collectors.toMap(Cascade::profile, Function.identity()));
        List<String> models = routing.modelIds();
        rows.removeAll();
        for (Profile p : routing.profiles()) {
            rows.add(new CascadeRow(p, cascades.get(p.name()), models));
        }
    }

    /** One profile: its switch, its cheaper model and its own Save, enabled once the row differs from what is saved. */
    final class CascadeRow extends HorizontalLayout {

        final Checkbox on = new Checkbox("Try a cheaper model first");
        final ComboBox<String> cheapModel = new ComboBox<>();
        final Button save = new Button("Save", e -> save());
        private final String profile;
        private Cascade saved;

        CascadeRow(Profile p, Cascade saved, List<String> models) {
            this.profile = p.name();
            addClassName("rw-cascade-row");
            setId("cascade-" + profile);
            setWidthFull();
            setAlignItems(FlexComponent.Alignment.CENTER);
            // on a narrow screen the fields go under the profile rather than out of sight
            setWrap(true);

            Span name = new Span(profile);
            name.addClassNames("rw-strong", "rw-cascade-profile");
            Span description = new Span(p.description());
            description.addClassName("rw-muted");
            Div label = new Div(name, description);
            label.addClassName("rw-cascade-label");

            on.setAriaLabel("Try a cheaper model first for " + profile);
            on.setReadOnly(!canEdit);
            cheapModel.setItems(models);
            cheapModel.setAriaLabel("Cheaper model for " + profile);
            cheapModel.setPlaceholder(CHEAPEST);
            cheapModel.setAllowCustomValue(true);
            cheapModel.addCustomValueSetListener(e -> cheapModel.setValue(e.getDetail()));
            cheapModel.setClearButtonVisible(true);
            cheapModel.setReadOnly(!canEdit);
            cheapModel.setWidth("25rem");
            show(saved);

            on.addValueChangeListener(e -> edited());
            cheapModel.addValueChangeListener(e -> edited());
            add(label, on, cheapModel);
            if (canEdit) {
                save.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
                add(save);
            }
            // the profile's name and description take what is left, so the fields line up from row to row
            expand(label);
            on.addClassNames("rw-cascade-on", "rw-switch");
        }

        private void show(Cascade c) {
            this.saved = c;
            on.setValue(c != null);
            cheapModel.setValue(c == null ? null : c.cheapModel());
            edited();
        }

        private void edited() {
            cheapModel.setEnabled(on.getValue());
            FieldErrors.clear(fields());
            String model = cheapModel.getValue() == null || cheapModel.getValue().isBlank() ? null
                    : cheapModel.getValue().strip();
            save.setEnabled(on.getValue() != (saved != null)
                    || saved != null && !Objects.equals(model, saved.cheapModel()));
        }

        private void save() {
            FieldErrors.clear(fields());
            try {
                Optional<Cascade> now = settings.setCascade(profile, on.getValue(), cheapModel.getValue());
                Notifications.success(now.map(c -> "Cascade of " + profile + " on: tries "
                        + (c.cheapModel() == null ? CHEAPEST : c.cheapModel()) + " first")
                        .orElse("Cascade of " + profile + " off"));
                show(now.orElse(null));
            } catch (InvalidInputException e) {
                FieldErrors.show(e, fields());
            }
        }

        private Map<String, HasValidation> fields() {
            return Map.of("cheapModel", cheapModel);
        }
    }
}
