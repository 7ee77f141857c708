package dev.routewise.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.FieldErrors;
import dev.routewise.base.ui.Formats;
import dev.routewise.base.ui.Notifications;
import dev.routewise.security.ApiKeyInfo;
import dev.routewise.security.ApiKeyService;
import dev.routewise.security.AppRoles;
import dev.routewise.security.CreatedApiKey;
import dev.routewise.security.Role;
import jakarta.annotation.security.RolesAllowed;

import java.time.Clock;
import java.util.Map;

/** Admins create API keys (the secret is shown once), see when each was last used, and revoke them. */
@Route("api-keys")
@PageTitle("API keys")
@Menu(order = 910, icon = "vaadin:key", title = "API keys")
@RolesAllowed(AppRoles.ADMIN)
public class ApiKeysView extends VerticalLayout {

    private final ApiKeyService keys;
    private final Clock clock;
    private final Grid<ApiKeyInfo> grid = new Grid<>();

    public ApiKeysView(ApiKeyService keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
        addClassName("rw-page");
        setSizeFull();

        Button create = new Button("Create key", e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Span hint = new Span("Send a key as 'Authorization: Bearer <key>' to /api and /v1. Only a hash is stored.");
        hint.addClassName("rw-muted");
        HorizontalLayout toolbar = new HorizontalLayout(create, hint);
        toolbar.setAlignItems(Alignment.CENTER);

        grid.addColumn(ApiKeyInfo::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(k -> k.prefix() + "…").setHeader("Key").setAutoWidth(true).setPartNameGenerator(k -> "mono");
        grid.addColumn(k -> k.role().label()).setHeader("Role").setAutoWidth(true);
        grid.addColumn(k -> k.owner() == null ? "—" : k.owner()).setHeader("Owner").setAutoWidth(true);
        grid.addColumn(k -> Formats.dateTime(k.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addColumn(k -> Formats.ago(k.lastUsedAt(), clock.instant())).setHeader("Last used").setAutoWidth(true);
        grid.addComponentColumn(this::status).setHeader("Status").setAutoWidth(true);
        grid.addComponentColumn(this::revokeButton).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();

        add(toolbar, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(keys.list());
    }

    private Span status(ApiKeyInfo key) {
        Span badge = new Span(key.active() ? "Active" : "Revoked " + Formats.dateTime(key.revokedAt()));
        badge.getElement().getThemeList().add(key.active() ? "badge success" : "badge contrast");
        return badge;
    }

    private Button revokeButton(ApiKeyInfo key) {
        Button revoke = new Button("Revoke", e -> {
            ConfirmDialog confirm = new ConfirmDialog("Revoke " + key.name() + "?",
                    "Clients using " + key.prefix() + "… are refused from now on. This cannot be undone.",
                    "Revoke", ok -> {
                keys.revoke(key.id());
                Notifications.success("Revoked " + key.name());
                refresh();
            });
            confirm.setConfirmButtonTheme("error primary");
            confirm.setCancelable(true);
            confirm.open();
        });
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        revoke.setVisible(key.active());
        return revoke;
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Create API key");
        TextField name = new TextField("Name");
        name.setPlaceholder("e.g. ci-pipeline, editor plugin");
        name.setRequired(true);
        Select<Role> role = new Select<>();
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setItemLabelGenerator(Role::label);
        role.setValue(Role.VIEWER);
        role.setHelperText(Role.VIEWER.description());
        role.addValueChangeListener(e -> role.setHelperText(e.getValue() == null ? "" : e.getValue().description()));
        VerticalLayout form = new VerticalLayout(name, role);
        form.setPadding(false);
        dialog.add(form);
        Map<String, com.vaadin.flow.component.HasValidation> fields = Map.of("name", name, "role", role);
        Button save = new Button("Create", e -> {
            FieldErrors.clear(fields);
            try {
                CreatedApiKey created = keys.create(name.getValue(), role.getValue());
                dialog.close();
                refresh();
                showSecret(created);
            } catch (InvalidInputException ex) {
                FieldErrors.show(ex, fields);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        name.focus();
    }

    private void showSecret(CreatedApiKey created) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Key " + created.key().name() + " created");
        TextField secret = new TextField("Secret");
        secret.setValue(created.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        secret.addClassName("rw-mono");
        secret.setId("new-key-secret");
        Button copy = new Button("Copy", e -> secret.getElement()
                .executeJs("navigator.clipboard.writeText($0)", created.secret()));
        Paragraph warning = new Paragraph("Copy it now: this is the only time it is shown.");
        warning.addClassName("rw-warning");
        dialog.add(warning, new HorizontalLayout(secret, copy));
        dialog.setWidth("36rem");
        Button done = new Button("Done", e -> dialog.close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(done);
        dialog.setCloseOnOutsideClick(false);
        dialog.open();
    }
}
