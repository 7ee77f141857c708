package dev.routewise.gateway;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.routewise.e2e.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * An admin runs a prompt through the gateway from the test bench against stub providers, reads the answer, the
 * fallback and the cost, finds the call in the Gateway view with its attempts, its fallback among the events, sets
 * a model's limit, and sees the call under its decision in the decision log.
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

        page.locator("vaadin-side-nav-item[path='decisions']").click();
        page.waitForURL("**/decisions**");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Model")).fill(stubs.failingModel());
        Locator decision = page.locator("vaadin-grid vaadin-grid-cell-content")
                .getByText(stubs.failingModel(), new Locator.GetByTextOptions().setExact(true)).first();
        assertThat(decision).isVisible();
        decision.click();
        assertThat(page.locator(".rw-decision-call .rw-call-model")).hasText(stubs.answeringModel());
        screenshot("decisions-gateway-call");
    }
}
