package dev.routewise.routing;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.SourceRef;
import dev.routewise.e2e.BrowserTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;


import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An admin routes a prompt on the test bench against a small catalog and sees the choice and the candidates. */
class RoutingTestBenchIT extends BrowserTest {

    @Autowired
    CatalogService catalog;
    @Autowired
    RoutableModels routable;
    @Autowired
    JdbcClient jdbc;

    SourceRef source;

    @BeforeEach
    void catalogOfOneSource() {
        source = RoutingTestCatalog.create(jdbc, catalog, routable, "bench", "openai", "gpt-4o-mini", "gpt-4o", "gpt-4",
                "gpt-3.5-turbo");
    }

    @Test
    void an_admin_routes_a_prompt_and_sees_the_chosen_model_and_the_candidates() {
        signInAsAdmin();
        page.locator("vaadin-side-nav").getByText("Routing test bench").click();
        page.waitForURL("**/test-bench**");

        page.locator("#bench-prompt textarea").fill("Write a Python function that parses ISO-8601 durations "
                + "and returns the number of seconds, with unit tests.");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Allowed models"))
                .fill(source.slug() + "/*");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Excluded models")).fill("*/gpt-4");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Route").setExact(true)).click();

        assertThat(page.locator("#bench-chosen")).containsText(source.slug() + "/");
        assertThat(page.locator("#bench-task")).hasText("code");
        assertThat(page.locator("vaadin-grid.rw-bench-candidates vaadin-grid-cell-content")
                .getByText(source.slug() + "/gpt-3.5-turbo", new com.microsoft.playwright.Locator.GetByTextOptions()
                        .setExact(true))).isVisible();
        screenshot("routing-test-bench");

        page.locator("#bench-why-not input").fill(source.slug() + "/gpt-4");
        page.locator("vaadin-combo-box-item").getByText(source.slug() + "/gpt-4",
                new com.microsoft.playwright.Locator.GetByTextOptions().setExact(true)).click();
        assertThat(page.locator("#bench-why-not-answer")).containsText("excluded");
        page.locator("#bench-why-not-answer").scrollIntoViewIfNeeded();
        screenshot("routing-test-bench-candidates");

        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Max cost")).fill("0.0000001");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Route").setExact(true)).click();
        assertThat(page.locator("#bench-no-model")).hasText("No model fits this request");
        assertThat(page.locator("#bench-excluded-by")).containsText("maxCostUsd");
        page.locator("#bench-no-model").scrollIntoViewIfNeeded();
        screenshot("routing-test-bench-no-model");
    }
}
