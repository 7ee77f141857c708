package dev.routewise.routing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.Notifications;
import dev.routewise.routing.RouterConfigTransfer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Configuration as code in the console: download the router configuration as YAML; admins paste a file, preview
 * the changes (a dry run) and apply them.
 */
class ConfigAsCodePanel extends VerticalLayout {

    final TextArea file = new TextArea("Configuration file (YAML)");
    final UnorderedList changes = new UnorderedList();
    final Paragraph outcome = new Paragraph();
    final Button preview = new Button("Preview changes");
    final Button apply = new Button("Apply");
    private final RouterConfigTransfer transfer;
    private final Runnable onApplied;

    ConfigAsCodePanel(RouterConfigTransfer transfer, boolean canImport, Runnable onApplied) {
        this.transfer = transfer;
        this.onApplied = onApplied;
        setPadding(false);
        Paragraph help = new Paragraph("The whole router configuration (profiles, overrides, workflows and sources, "
                + "never their keys) as one YAML file to keep in version control. On import, a section left out of "
                + "the file stays as it is; a section in it replaces the current one (sources are only added or "
                + "updated). A source's key can come from a server environment variable named by apiKeyEnv.");
        help.addClassName("rw-muted");
        Anchor download = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] yaml = transfer.exportYaml().getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(yaml), "routewise-router.yaml", "application/yaml",
                    yaml.length);
        }), "Download configuration (YAML)");
        download.setId("config-download");
        add(help, download);
        if (!canImport) {
            return;
        }
        file.setWidthFull();
        file.setMinHeight("16rem");
        file.setId("config-file");
        file.setPlaceholder("Paste an exported file, e.g.\nactiveProfile: eco\nworkflows:\n  - name: feature-dev\n"
                + "    stages:\n      - {name: plan, profile: premium}");
        preview.addClickListener(e -> run(true));
        preview.setId("config-preview");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.addClickListener(e -> run(false));
        apply.setEnabled(false);
        apply.setId("config-apply");
        file.addValueChangeListener(e -> apply.setEnabled(false));
        changes.setId("config-changes");
        outcome.setId("config-outcome");
        add(new H4("Import"), file, new HorizontalLayout(preview, apply), outcome, changes);
    }

    private void run(boolean dryRun) {
        changes.removeAll();
        file.setInvalid(false);
        try {
            RouterConfigTransfer.ImportResult result = transfer.importYaml(file.getValue(), dryRun);
            result.changes().forEach(c -> changes.add(new ListItem(c)));
            if (result.changes().isEmpty()) {
                outcome.setText("The file matches the current configuration: nothing to change.");
            } else if (dryRun) {
                outcome.setText(result.changes().size() + " change(s) would be made. Apply to make them.");
            } else {
                outcome.setText("Applied " + result.changes().size() + " change(s).");
                Notifications.success("Configuration imported");
                onApplied.run();
            }
            apply.setEnabled(dryRun && !result.changes().isEmpty());
        } catch (InvalidInputException e) {
            String where = e.field() == null || e.field().equals("config") ? "" : e.field() + ": ";
            file.setErrorMessage(where + e.getMessage());
            file.setInvalid(true);
            outcome.setText("Nothing was changed.");
            apply.setEnabled(false);
        }
    }
}
