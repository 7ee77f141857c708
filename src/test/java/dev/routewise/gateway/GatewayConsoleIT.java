package dev.routewise.gateway;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.routewise.e2e.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * An admin runs a prompt through the gateway from the test bench against stub providers, reads the answer, the
 * fallback and the cost, finds the call in the Gateway view with its attempts, its fallback among the events, sets
 * a model's limit, turns on a profile's cascade, adds and deletes system-prompt templates, and sees the call under
 * its decision in the decision log.
 */
class GatewayConsoleIT extends BrowserTest {

    @Autowired
    ApplicationContext context;

    StubProviders stubs;

    @BeforeEach
    void stubProviders() {
        stubs = new StubProviders(context, port, "console-it");
        stubs.price("2", "10");
    }

    @AfterEach
    void closeStubs() {
        stubs.close();
    }

    /** Waits until the toasts of earlier steps are gone, so a picture shows only the view. */
    private void notificationsClosed() {
        assertThat(page.locator("vaadin-notification-card")).hasCount(0,
                new LocatorAssertions.HasCountOptions().setTimeout(15_000));
    }

    /** Adds a template through the Prompts tab's dialog, pictured once filled in, and waits for its row. */
    private void addTemplate(String target, String position, String text, boolean picture) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add template")).click();
        Locator dialog = page.locator("vaadin-dialog.rw-prompt-dialog");
        dialog.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Target")).fill(target);
        page.keyboard().press("Enter");
        dialog.getByText(position).click();
        dialog.getByRole(AriaRole.TEXTBOX, new Locator.GetByRoleOptions().setName("Text")).fill(text);
        if (picture) {
            screenshot("gateway-prompt-dialog");
        }
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(page.getByText("Template for " + target + " saved")).isVisible();
        assertThat(page.locator("vaadin-grid.rw-gateway-prompts vaadin-grid-cell-content")
                .getByText(target, new Locator.GetByTextOptions().setExact(true))).isVisible();
    }

    @Test
    void an_admin_runs_a_prompt_on_the_test_bench_and_finds_the_call_in_the_gateway_view() {
        // tall enough for the bench's form and the run's result in one picture
        page.setViewportSize(1280, 1000);
        signInAsAdmin();
        page.locator("vaadin-side-nav").getByText("Routing test bench").click();
        page.waitForURL("**/test-bench**");

        page.locator("vaadin-select").first().click();
        page.locator("vaadin-select-item").getByText(stubs.profile(), new Locator.GetByTextOptions().setExact(true))
                .click();
        page.locator("#bench-prompt textarea").fill("Say hello to the new team member in one sentence.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run").setExact(true)).click();

        assertThat(page.locator("#run-answer")).hasText(StubProviders.ANSWER);
        assertThat(page.locator("#run-result .rw-call-model")).hasText(stubs.answeringModel());
        assertThat(page.locator("#run-result .rw-call-cost")).hasText("$0.000048");
        assertThat(page.locator("#run-result vaadin-grid.rw-call-attempts vaadin-grid-cell-content")
                .getByText("overloaded").first()).isVisible();
        screenshot("test-bench-run");

        page.locator("vaadin-side-nav-item[path='gateway']").click();
        page.waitForURL("**/gateway**");
        Locator row = page.locator("vaadin-grid.rw-gateway-calls vaadin-grid-cell-content")
                .getByText(stubs.answeringModel(), new Locator.GetByTextOptions().setExact(true)).first();
        assertThat(row).isVisible();
        row.click();
        assertThat(page.locator(".rw-call .rw-call-model")).hasText(stubs.answeringModel());
        assertThat(page.locator(".rw-call vaadin-grid.rw-call-attempts vaadin-grid-cell-content")
                .getByText(stubs.failingModel(), new Locator.GetByTextOptions().setExact(true)).first()).isVisible();
        screenshot("gateway-calls");

        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Events")).click();
        assertThat(page.locator("vaadin-grid.rw-gateway-events vaadin-grid-cell-content")
                .getByText("Answered by " + stubs.answeringModel() + " after 1 fallback").first()).isVisible();
        screenshot("gateway-events");

        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Limits")).click();
        page.locator("vaadin-combo-box input").fill(stubs.answeringModel());
        page.keyboard().press("Enter");
        page.getByRole(AriaRole.SPINBUTTON, new Page.GetByRoleOptions().setName("Requests per minute")).fill("0");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save limit")).click();
        assertThat(page.getByText("Requests per minute must be at least 1")).isVisible();
        screenshot("gateway-limits-invalid");
        page.getByRole(AriaRole.SPINBUTTON, new Page.GetByRoleOptions().setName("Requests per minute")).fill("60");
        page.getByRole(AriaRole.SPINBUTTON, new Page.GetByRoleOptions().setName("Tokens per minute")).fill("90000");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save limit")).click();
        assertThat(page.locator("vaadin-grid.rw-gateway-limits vaadin-grid-cell-content").getByText("90000"))
                .isVisible();
        screenshot("gateway-limits");

        notificationsClosed();
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Cascade")).click();
        Locator cascade = page.locator("#cascade-" + stubs.profile());
        cascade.getByText("Try a cheaper model first").click();
        cascade.locator("vaadin-combo-box input").fill(stubs.answeringModel());
        page.keyboard().press("Enter");
        cascade.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(page.getByText("Cascade of " + stubs.profile() + " on: tries " + stubs.answeringModel()
                + " first")).isVisible();
        Locator cheapest = page.locator("#cascade-" + stubs.failingProfile());
        cheapest.getByText("Try a cheaper model first").click();
        cheapest.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(page.getByText("Cascade of " + stubs.failingProfile() + " on: tries the cheapest model that "
                + "fits each request first")).isVisible();
        notificationsClosed();
        screenshot("gateway-cascade");

        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Prompts")).click();
        String provider = stubs.answeringModel().substring(0, stubs.answeringModel().indexOf('/'));
        addTemplate(provider + "/*", "After the system prompt",
                "Answer through {model}: keep answers short and say when you are unsure.", true);
        addTemplate(stubs.answeringModel(), "Before the system prompt",
                "You are a careful assistant. Reply in the language of the question.", false);
        notificationsClosed();
        screenshot("gateway-prompts");

        // rows come in target order, a provider's '*' before its model ids
        for (String target : List.of(provider + "/*", stubs.answeringModel())) {
            page.locator("vaadin-grid.rw-gateway-prompts vaadin-grid-cell-content vaadin-horizontal-layout")
                    .first().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
            Locator confirm = page.locator("vaadin-confirm-dialog");
            assertThat(confirm.getByText("Delete the template for " + target + "?")).isVisible();
            confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
            assertThat(page.getByText("Template for " + target + " deleted")).isVisible();
        }

        page.locator("vaadin-side-nav-item[path='decisions']").click();
        page.waitForURL("**/decisions**");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Model")).fill(stubs.failingModel());
        // the filter applies a moment after typing and re-lists the grid, which would drop a selection made before
        assertThat(page.getByText("1 decision", new Page.GetByTextOptions().setExact(true))).isVisible();
        Locator decision = page.locator("vaadin-grid vaadin-grid-cell-content")
                .getByText(stubs.failingModel(), new Locator.GetByTextOptions().setExact(true)).first();
        assertThat(decision).isVisible();
        decision.click();
        assertThat(page.locator(".rw-decision-call .rw-call-model")).hasText(stubs.answeringModel());
        screenshot("decisions-gateway-call");
    }
}
