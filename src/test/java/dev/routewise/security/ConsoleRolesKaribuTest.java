package dev.routewise.security;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.html.H2;
import com.github.mvysny.kaributesting.v10.GridKt;
import dev.routewise.KaribuViewTest;
import dev.routewise.security.ui.AccountView;
import dev.routewise.security.ui.ApiKeysView;
import dev.routewise.security.ui.AuditLogView;
import dev.routewise.security.ui.UsersView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleRolesKaribuTest extends KaribuViewTest {

    @Autowired
    UserService users;
    @Autowired
    ApiKeyService keys;

    @BeforeEach
    void members() {
        TestUsers.ensure(users, "vera", Role.VIEWER);
    }

    private List<String> menu() {
        return _find(SideNavItem.class).stream().map(SideNavItem::getLabel).toList();
    }

    @Test
    void a_viewer_sees_the_catalog_and_their_account_but_no_admin_views_in_the_menu() {
        signIn("vera", Role.VIEWER);
        UI.getCurrent().navigate(AccountView.class);

        assertThat(menu()).containsExactly("Dashboard", "Models", "Model sources", "Task clusters", "Router settings",
                "Routing test bench", "Decisions", "Gateway", "Budgets", "Alerts", "My account");
        assertThat(_get(H2.class, s -> s.withText("vera")).isVisible()).isTrue();
    }

    @Test
    void a_viewer_cannot_open_the_admin_views() {
        signIn("vera", Role.VIEWER);
        for (Class<? extends com.vaadin.flow.component.Component> view
                : List.of(UsersView.class, ApiKeysView.class, AuditLogView.class)) {
            assertThatThrownBy(() -> UI.getCurrent().navigate(view)).hasMessageContaining("Access is denied");
            _assertNone(view);
            _assertNone(Grid.class);
        }
    }

    @Test
    void an_admin_sees_users_keys_and_the_audit_log() {
        signIn(TestUsers.ADMIN, Role.ADMIN);
        UI.getCurrent().navigate(AccountView.class);

        assertThat(menu()).containsExactly("Dashboard", "Models", "Model sources", "Task clusters", "Router settings",
                "Routing test bench", "Decisions", "Gateway", "Budgets", "Alerts", "Users", "API keys",
                "Audit log", "My account");
    }

    @Test
    void an_admin_creates_a_user_who_then_appears_in_the_grid() {
        signIn(TestUsers.ADMIN, Role.ADMIN);
        UI.getCurrent().navigate(UsersView.class);

        _click(_get(Button.class, s -> s.withText("New user")));
        Dialog dialog = _get(Dialog.class);
        _setValue(_get(dialog, TextField.class, s -> s.withLabel("User name")), "olga");
        _setValue(_get(dialog, PasswordField.class, s -> s.withLabel("Initial password")), "olga-long-password");
        @SuppressWarnings("unchecked")
        Select<Role> role = _get(dialog, Select.class, s -> s.withLabel("Role"));
        _setValue(role, Role.OPERATOR);
        _click(_get(dialog, Button.class, s -> s.withText("Create")));

        expectNotifications("Created olga");
        @SuppressWarnings("unchecked")
        Grid<TeamMember> grid = _get(Grid.class);
        List<String> names = GridKt._size(grid) == 0 ? List.of()
                : java.util.stream.IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i).username()).toList();
        assertThat(names).contains("olga");
        assertThat(users.list().stream().filter(u -> u.username().equals("olga")).findFirst().orElseThrow().role())
                .isEqualTo(Role.OPERATOR);
    }

    @Test
    void a_too_short_password_is_refused_and_marked_on_the_field() {
        signIn(TestUsers.ADMIN, Role.ADMIN);
        UI.getCurrent().navigate(UsersView.class);

        _click(_get(Button.class, s -> s.withText("New user")));
        Dialog dialog = _get(Dialog.class);
        _setValue(_get(dialog, TextField.class, s -> s.withLabel("User name")), "shorty");
        PasswordField password = _get(dialog, PasswordField.class, s -> s.withLabel("Initial password"));
        _setValue(password, "short");
        _click(_get(dialog, Button.class, s -> s.withText("Create")));

        assertThat(password.isInvalid()).isTrue();
        assertThat(password.getErrorMessage()).contains("at least");
        assertThat(dialog.isOpened()).isTrue();
    }

    @Test
    void an_admin_creates_an_api_key_and_sees_its_secret_once() {
        signIn(TestUsers.ADMIN, Role.ADMIN);
        UI.getCurrent().navigate(ApiKeysView.class);

        _click(_get(Button.class, s -> s.withText("Create key")));
        Dialog dialog = _get(Dialog.class);
        _setValue(_get(dialog, TextField.class, s -> s.withLabel("Name")), "karibu-key");
        _click(_get(dialog, Button.class, s -> s.withText("Create")));

        TextField secret = _get(TextField.class, s -> s.withId("new-key-secret"));
        assertThat(secret.getValue()).startsWith("rw_");
        assertThat(keys.authenticate(secret.getValue())).hasValueSatisfying(p -> {
            assertThat(p.name()).isEqualTo("karibu-key");
            assertThat(p.owner()).isEqualTo(TestUsers.ADMIN);
        });
    }

    @Test
    void the_audit_log_lists_user_changes() {
        signIn(TestUsers.ADMIN, Role.ADMIN);
        UI.getCurrent().navigate(AuditLogView.class);

        @SuppressWarnings("unchecked")
        ComboBox<AuditAction> action = _get(ComboBox.class, s -> s.withLabel("Event"));
        _setValue(action, AuditAction.USER_CREATED);
        _setValue(_get(TextField.class, s -> s.withLabel("Search")), "vera");
        @SuppressWarnings("unchecked")
        Grid<AuditEvent> grid = _get(Grid.class);
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(GridKt._get(grid, 0).target()).isEqualTo("vera");
    }
}
