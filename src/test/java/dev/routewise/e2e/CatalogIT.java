package dev.routewise.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.routewise.discovery.client.FakeProvider;
import dev.routewise.discovery.client.Payloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** An operator adds a source that points at a local stub of OpenAI's API, syncs it, and finds its models. */
class CatalogIT extends BrowserTest {

    private FakeProvider provider;

    @BeforeEach
    void stub() {
        provider = new FakeProvider();
        provider.on("/v1/models", FakeProvider.json(Payloads.text("openai.json")));
    }

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void a_source_added_in_the_console_fills_the_models_grid() {
        new LoginPage(page).open(url("/login")).signIn("admin", "admin-password-for-tests");
        page.locator("vaadin-side-nav").getByText("Model sources").click();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add source")).click();
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Name").setExact(true)).fill("Stub OpenAI");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Base URL")).fill(provider.root() + "/v1");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("API key")).fill("sk-stub-0123456789");
        screenshot("sources-add-dialog");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();

        Locator row = page.locator("vaadin-grid-cell-content").getByText("Stub OpenAI", new Locator.GetByTextOptions()
                .setExact(true));
        assertThat(row).isVisible();
        assertThat(page.locator("vaadin-grid-cell-content").getByText("102", new Locator.GetByTextOptions()
                .setExact(true)).first()).isVisible();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sync").setExact(true)).first().click();
        assertThat(page.getByText("Stub OpenAI: 102 models, 0 new")).isVisible();
        row.click();
        assertThat(page.getByText("Run history of Stub OpenAI")).isVisible();
        assertThat(page.locator("vaadin-grid-cell-content").getByText("created", new Locator.GetByTextOptions()
                .setExact(true))).isVisible();
        screenshot("sources");

        page.locator("vaadin-side-nav").getByText("Models").click();
        page.getByLabel("Search").fill("stub-openai/gpt-4o-mini");
        assertThat(page.locator("vaadin-grid-cell-content").getByText("stub-openai/gpt-4o-mini",
                new Locator.GetByTextOptions().setExact(true))).isVisible();
        assertThat(page.locator("vaadin-grid-cell-content").getByText("$0.15").first()).isVisible();
        page.getByLabel("Search").fill("");
        page.getByLabel("Search").fill("stub-openai/");
        assertThat(page.getByText("102 models", new Page.GetByTextOptions().setExact(true))).isVisible();
        screenshot("models");
    }
}
