package dev.routewise.e2e;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** The console's sign-in page, as a user sees it. */
final class LoginPage {

    private final Page page;

    LoginPage(Page page) {
        this.page = page;
    }

    LoginPage open(String url) {
        page.navigate(url);
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Username")).waitFor();
        return this;
    }

    void signIn(String username, String password) {
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Username")).fill(username);
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Password")).fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    }

    boolean showsError() {
        return page.getByText("Sign-in failed").isVisible();
    }
}
