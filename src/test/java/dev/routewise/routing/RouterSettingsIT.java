package dev.routewise.routing;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.routewise.catalog.CatalogService;
import dev.routewise.e2e.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** An admin creates a custom profile and a rule in the Router settings view, as a person would. */
class RouterSettingsIT extends BrowserTest {

    @Autowired
    CatalogService catalog;
    @Autowired
    RoutableModels routable;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RouterConfigService config;
    @Autowired
    RuleService rules;

    @BeforeEach
    void catalog() {
        RoutingTestCatalog.create(jdbc, catalog, routable, "settings-it", "openai", "gpt-4o-mini", "gpt-4o");
    }

    @AfterEach
    void cleanUp() {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null,
                dev.routewise.security.Role.ADMIN.authorities()));
        rules.replaceAll(java.util.List.of(), "UTC");
        config.current().profiles().stream().filter(p -> !p.builtIn()).forEach(p -> config.deleteProfile(p.name()));
        SecurityContextHolder.clearContext();
    }

    @Test
    void an_admin_adds_a_custom_profile_and_a_rule() {
        page.navigate(url("/login"));
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Username")).fill("admin");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Password")).fill("admin-password-for-tests");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        page.locator("vaadin-side-nav").getByText("Router settings").click();
        page.waitForURL("**/router");

        page.locator("#new-profile").click();
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Name")).fill("anthropic-only");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Description"))
                .fill("Claude models only, quality first");
        page.locator("#weight-quality input").fill("45");
        page.locator("vaadin-text-area textarea").first().fill("anthropic/*");
        page.locator("#save-profile").click();

        assertThat(page.locator("#profiles")).containsText("anthropic-only");
        assertThat(page.locator("vaadin-dialog-overlay")).hasCount(0);
        screenshot("router-settings-profiles");

        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Tasks")).click();
        assertThat(page.locator("#tasks")).containsText("code");
        screenshot("router-settings-tasks");

        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Rules")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add rule")).click();
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Name")).fill("weekend-eco");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Condition"))
                .fill("weekday in [sat, sun] and tokns > 100");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Validate")).click();
        assertThat(page.locator("#rules-validation")).containsText("unknown field 'tokns'");
        screenshot("router-settings-rule-error");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Condition"))
                .fill("weekday in [sat, sun] and tokens > 100");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Value")).fill("eco");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Validate")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("vaadin-dialog-overlay")).hasCount(0);
        screenshot("router-settings-rules");
    }
}
