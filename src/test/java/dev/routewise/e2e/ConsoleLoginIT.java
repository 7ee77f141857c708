package dev.routewise.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLoginIT extends BrowserTest {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-password-for-tests";

    @Test
    void an_admin_signs_in_sees_the_console_and_signs_out() {
        LoginPage login = new LoginPage(page).open(url("/"));
        screenshot("login");

        login.signIn(ADMIN, ADMIN_PASSWORD);

        Locator nav = page.locator("vaadin-side-nav");
        assertThat(nav.getByText("Users")).isVisible();
        assertThat(nav.getByText("API keys")).isVisible();
        assertThat(nav.getByText("Audit log")).isVisible();
        // the root address is the dashboard; the account page names the signed-in user
        assertThat(page.locator("#dashboard-summary")).isVisible();
        nav.getByText("My account").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(ADMIN))).isVisible();

        nav.getByText("Users").click();
        assertThat(page.locator("vaadin-grid-cell-content").getByText(ADMIN, new Locator.GetByTextOptions().setExact(true)))
                .isVisible();
        screenshot("console-users");

        nav.getByText("Audit log").click();
        assertThat(page.locator("vaadin-grid-cell-content").getByText("Login succeeded").first()).isVisible();
        screenshot("console-audit-log");

        page.locator(".rw-user-menu vaadin-menu-bar-button").first().click();
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Sign out")).click();
        page.waitForURL("**/login");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))).isVisible();

        page.navigate(url("/users"));
        page.waitForURL("**/login");
    }

    @Test
    void a_wrong_password_is_refused() {
        LoginPage login = new LoginPage(page).open(url("/login"));

        login.signIn(ADMIN, "not-the-password");

        page.waitForURL("**/login?error");
        assertThat(page.getByText("Sign-in failed")).isVisible();
        assertThat(page.locator("vaadin-side-nav").count()).isZero();
    }
}
