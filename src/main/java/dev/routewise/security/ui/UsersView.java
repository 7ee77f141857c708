package dev.routewise.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.FieldErrors;
import dev.routewise.base.ui.Formats;
import dev.routewise.base.ui.Notifications;
import dev.routewise.security.AppRoles;
import dev.routewise.security.Role;
import dev.routewise.security.TeamMember;
import dev.routewise.security.UserService;
import jakarta.annotation.security.RolesAllowed;

import java.util.Map;

/** Admins manage the team: add members, change roles, disable accounts, reset passwords. */
@Route("users")
@PageTitle("Users")
@Menu(order = 900, icon = "vaadin:users", title = "Users")
@RolesAllowed(AppRoles.ADMIN)
public class UsersView extends VerticalLayout {

    private final UserService users;
    private final Grid<TeamMember> grid = new Grid<>();

    public UsersView(UserService users) {
        this.users = users;
        addClassName("rw-page");
        setSizeFull();

        Button add = new Button("New user", e -> openCreateDialog());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Span hint = new Span("Viewers read; operators also configure routing and sources; admins manage everything.");
        hint.addClassName("rw-muted");
        HorizontalLayout toolbar = new HorizontalLayout(add, hint);
        toolbar.setAlignItems(Alignment.CENTER);

        grid.addColumn(TeamMember::username).setHeader("User").setSortable(true).setWidth("12rem").setFlexGrow(1);
        grid.addComponentColumn(this::roleSelect).setHeader("Role").setAutoWidth(true);
        grid.addComponentColumn(this::statusBadge).setHeader("Status").setAutoWidth(true);
        grid.addColumn(m -> Formats.dateTime(m.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addColumn(m -> Formats.dateTime(m.lastLoginAt())).setHeader("Last sign-in").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setWidth("15rem").setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();

        add(toolbar, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(users.list());
    }

    private Select<Role> roleSelect(TeamMember member) {
        Select<Role> select = new Select<>();
        select.setItems(Role.values());
        select.setItemLabelGenerator(Role::label);
        select.setValue(member.role());
        select.setAriaLabel("Role of " + member.username());
        select.setWidth("9rem");
        select.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            try {
                users.changeRole(member.id(), e.getValue());
                Notifications.success(member.username() + " is now " + e.getValue().label());
            } catch (InvalidInputException ex) {
                Notifications.error(ex.getMessage());
            }
            refresh();
        });
        return select;
    }

    private Span statusBadge(TeamMember member) {
        Span badge = new Span(member.enabled() ? "Active" : "Disabled");
        badge.getElement().getThemeList().add(member.enabled() ? "badge success" : "badge error");
        return badge;
    }

    private HorizontalLayout actions(TeamMember member) {
        Button toggle = new Button(member.enabled() ? "Disable" : "Enable", e -> {
            try {
                users.setEnabled(member.id(), !member.enabled());
                Notifications.success(member.username() + (member.enabled() ? " disabled" : " enabled"));
            } catch (InvalidInputException ex) {
                Notifications.error(ex.getMessage());
            }
            refresh();
        });
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Button reset = new Button("Reset password", e -> openResetDialog(member));
        reset.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return new HorizontalLayout(toggle, reset);
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New user");
        TextField username = new TextField("User name");
        username.setRequired(true);
        PasswordField password = new PasswordField("Initial password");
        password.setHelperText("At least " + users.minPasswordLength() + " characters; share it privately");
        Select<Role> role = new Select<>();
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setItemLabelGenerator(Role::label);
        role.setValue(Role.VIEWER);
        role.setHelperText(Role.VIEWER.description());
        role.addValueChangeListener(e -> role.setHelperText(e.getValue() == null ? "" : e.getValue().description()));
        VerticalLayout form = new VerticalLayout(username, password, role);
        form.setPadding(false);
        dialog.add(form);

        Map<String, com.vaadin.flow.component.HasValidation> fields =
                Map.of("username", username, "password", password, "role", role);
        Button save = new Button("Create", e -> {
            FieldErrors.clear(fields);
            try {
                TeamMember created = users.create(username.getValue(), password.getValue(), role.getValue());
                dialog.close();
                Notifications.success("Created " + created.username());
                refresh();
            } catch (InvalidInputException ex) {
                FieldErrors.show(ex, fields);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        username.focus();
    }

    private void openResetDialog(TeamMember member) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Reset password of " + member.username());
        PasswordField password = new PasswordField("New password");
        password.setHelperText("At least " + users.minPasswordLength() + " characters. "
                + "Their open sessions end.");
        password.setWidthFull();
        dialog.add(password);
        Button save = new Button("Reset", e -> {
            try {
                users.resetPassword(member.id(), password.getValue());
                dialog.close();
                Notifications.success("Password of " + member.username() + " reset");
            } catch (InvalidInputException ex) {
                FieldErrors.show(ex, Map.of("password", password));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        password.focus();
    }
}
