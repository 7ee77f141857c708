package dev.routewise.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.FieldErrors;
import dev.routewise.base.ui.Formats;
import dev.routewise.base.ui.Notifications;
import dev.routewise.security.AuditEvent;
import dev.routewise.security.AuditService;
import dev.routewise.security.TeamMember;
import dev.routewise.security.UserService;
import jakarta.annotation.security.PermitAll;

import java.util.Map;

/** Every signed-in user's own page: who they are, what their role allows, their password and recent sign-ins. */
@Route("account")
@PageTitle("My account")
@Menu(order = 1000, icon = "vaadin:user", title = "My account")
@PermitAll
public class AccountView extends VerticalLayout {

    private final UserService users;
    private final PasswordField current = new PasswordField("Current password");
    private final PasswordField next = new PasswordField("New password");
    private final PasswordField repeat = new PasswordField("Repeat new password");

    public AccountView(UserService users, AuditService audit) {
        this.users = users;
        addClassName("rw-page");
        TeamMember me = users.currentUser();

        Span role = new Span(me.role().label());
        role.getElement().getThemeList().add("badge");
        Div identity = new Div(new H2(me.username()), role);
        identity.addClassName("rw-identity");
        Paragraph allows = new Paragraph(me.role().description());
        Paragraph since = new Paragraph("Member since " + Formats.dateTime(me.createdAt())
                + " · last sign-in " + Formats.dateTime(me.lastLoginAt()));
        since.addClassName("rw-muted");

        next.setHelperText("At least " + users.minPasswordLength() + " characters");
        Button change = new Button("Change password", e -> changePassword());
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div form = new Div(new H2("Password"), current, next, repeat, change);
        form.addClassNames("rw-card", "rw-form");

        Grid<AuditEvent> signIns = new Grid<>();
        signIns.addColumn(e -> Formats.dateTime(e.occurredAt())).setHeader("When").setAutoWidth(true);
        signIns.addColumn(e -> switch (e.action()) {
            case "LOGIN_SUCCEEDED" -> "Signed in";
            case "LOGIN_THROTTLED" -> "Refused: too many failures";
            default -> "Failed";
        }).setHeader("Result").setAutoWidth(true);
        signIns.addColumn(AuditEvent::remoteAddress).setHeader("From");
        signIns.setItems(audit.recentSignInsOfCurrentUser(10));
        signIns.setAllRowsVisible(true);
        Div recent = new Div(new H2("Recent sign-ins"), signIns);
        recent.addClassName("rw-card");

        add(identity, allows, since, form, recent);
    }

    private void changePassword() {
        Map<String, PasswordField> fields = Map.of("currentPassword", current, "newPassword", next);
        FieldErrors.clear(fields);
        repeat.setInvalid(false);
        if (!next.getValue().equals(repeat.getValue())) {
            repeat.setErrorMessage("The two new passwords differ");
            repeat.setInvalid(true);
            return;
        }
        try {
            users.changeOwnPassword(current.getValue(), next.getValue());
            current.clear();
            next.clear();
            repeat.clear();
            Notifications.success("Password changed");
        } catch (InvalidInputException e) {
            FieldErrors.show(e, fields);
        }
    }
}
