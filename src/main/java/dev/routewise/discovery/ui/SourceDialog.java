package dev.routewise.discovery.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.FieldErrors;
import dev.routewise.base.ui.UiTasks;
import dev.routewise.discovery.ConnectionTest;
import dev.routewise.discovery.DiscoveryService;
import dev.routewise.discovery.ModelSource;
import dev.routewise.discovery.SourceInput;
import dev.routewise.discovery.SourceService;
import dev.routewise.discovery.SourceType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Add or edit a source, with validation on save and "Test connection" against the entered settings. */
class SourceDialog extends Dialog {

    private final SourceService sources;
    private final DiscoveryService discovery;
    private final ModelSource existing;
    private final Consumer<ModelSource> onSaved;

    final TextField name = new TextField("Name");
    final Select<SourceType> type = new Select<>();
    final TextField baseUrl = new TextField("Base URL");
    final PasswordField apiKey = new PasswordField("API key");
    final TextField docUrl = new TextField("Documentation URL");
    final Checkbox enabled = new Checkbox("Enabled");
    final TextField schedule = new TextField("Discovery schedule");
    final TextArea headers = new TextArea("Extra headers");
    private final Span testResult = new Span();

    SourceDialog(SourceService sources, DiscoveryService discovery, ModelSource existing,
                 Consumer<ModelSource> onSaved) {
        this.sources = sources;
        this.discovery = discovery;
        this.existing = existing;
        this.onSaved = onSaved;
        setHeaderTitle(existing == null ? "Add model source" : "Edit " + existing.name());
        setWidth("44rem");

        type.setLabel("Type");
        type.setItems(SourceType.values());
        type.setItemLabelGenerator(SourceType::label);
        type.addValueChangeListener(e -> {
            SourceType previous = e.getOldValue();
            SourceType now = e.getValue();
            if (now == null) {
                return;
            }
            if (baseUrl.isEmpty() || previous != null && baseUrl.getValue().equals(previous.defaultBaseUrl())) {
                baseUrl.setValue(now.defaultBaseUrl());
            }
            String oldDoc = previous == null ? null : previous.defaultDocUrl();
            if (docUrl.isEmpty() || docUrl.getValue().equals(oldDoc)) {
                docUrl.setValue(now.defaultDocUrl() == null ? "" : now.defaultDocUrl());
            }
            apiKey.setHelperText(keyHelp(now));
            if (name.isEmpty() && existing == null) {
                name.setValue(now.label());
            }
        });
        baseUrl.setHelperText("The API root: /v1 for OpenAI-style APIs, the server root for Ollama");
        schedule.setHelperText("Blank: at start-up and on Sync only. Or an interval (PT6H, 30m) or cron ('0 */6 * * *')");
        headers.setHelperText("One 'Name: value' per line, sent with every call to this source");
        headers.setPlaceholder("HTTP-Referer: https://example.com");
        enabled.setValue(true);

        if (existing != null) {
            name.setValue(existing.name());
            type.setValue(existing.type());
            type.setReadOnly(existing.models() > 0);
            baseUrl.setValue(existing.baseUrl());
            docUrl.setValue(existing.docUrl() == null ? "" : existing.docUrl());
            enabled.setValue(existing.enabled());
            schedule.setValue(existing.schedule() == null ? "" : existing.schedule());
            apiKey.setPlaceholder(existing.hasApiKey() ? "stored: " + existing.apiKeyHint() + " (blank keeps it)"
                    : "none stored");
            if (!existing.extraHeaderNames().isEmpty()) {
                headers.setPlaceholder(String.join(": ••••\n", existing.extraHeaderNames())
                        + ": ••••\n(blank keeps them; type new lines to replace them)");
            }
        } else {
            type.setValue(SourceType.OPENAI);
        }

        FormLayout form = new FormLayout(name, type, baseUrl, apiKey, docUrl, schedule, headers, enabled);
        form.setColspan(baseUrl, 2);
        form.setColspan(docUrl, 2);
        form.setColspan(headers, 2);
        add(form, testResult);
        testResult.addClassName("rw-test-result");

        Button test = new Button("Test connection", e -> testConnection());
        test.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button save = new Button("Save", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(test, new Button("Cancel", e -> close()), save);
    }

    private static String keyHelp(SourceType type) {
        return type.needsApiKey() ? "Stored encrypted; never shown again" : "Optional for this type; stored encrypted";
    }

    private SourceInput input() {
        return new SourceInput(name.getValue(), type.getValue() == null ? null : type.getValue().key(),
                baseUrl.getValue(), existing != null && apiKey.isEmpty() ? null : apiKey.getValue(), docUrl.getValue(),
                enabled.getValue(), schedule.getValue(), parseHeaders());
    }

    private Map<String, String> parseHeaders() {
        String text = headers.getValue();
        if (text.isBlank()) {
            return existing == null ? Map.of() : null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new InvalidInputException("extraHeaders", "Write each header as 'Name: value': " + line.strip());
            }
            map.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return map;
    }

    private Map<String, HasValidation> fields() {
        return Map.of("name", name, "type", type, "baseUrl", baseUrl, "apiKey", apiKey, "docUrl", docUrl,
                "schedule", schedule, "extraHeaders", headers);
    }

    private void save() {
        FieldErrors.clear(fields());
        try {
            ModelSource saved = existing == null ? sources.create(input()) : sources.update(existing.id(), input());
            close();
            onSaved.accept(saved);
        } catch (InvalidInputException e) {
            FieldErrors.show(e, fields());
        }
    }

    private void testConnection() {
        FieldErrors.clear(fields());
        var endpoint = sourceEndpointOrShowErrors();
        if (endpoint == null) {
            return;
        }
        testResult.setText("Testing…");
        testResult.getElement().getThemeList().set("badge", true);
        UiTasks.supply(UI.getCurrent(), () -> discovery.test(endpoint), this::show,
                error -> show(new ConnectionTest(false, 0, null, error.getMessage(), 0)));
    }

    private dev.routewise.discovery.SourceEndpoint sourceEndpointOrShowErrors() {
        try {
            return sources.endpointFor(existing == null ? null : existing.id(), input());
        } catch (InvalidInputException e) {
            FieldErrors.show(e, fields());
            return null;
        }
    }

    private void show(ConnectionTest result) {
        testResult.getElement().getThemeList().clear();
        if (result.ok()) {
            testResult.setText("Connected in " + result.millis() + " ms: " + result.models() + " models"
                    + (result.sample().isEmpty() ? "" : " (" + result.sample() + ", …)"));
            testResult.getElement().getThemeList().add("badge success");
        } else {
            testResult.setText("Failed: " + result.error());
            testResult.getElement().getThemeList().add("badge error");
        }
    }
}
