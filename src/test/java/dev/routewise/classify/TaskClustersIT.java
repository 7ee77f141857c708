package dev.routewise.classify;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.routewise.e2e.BrowserTest;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

class TaskClustersIT extends BrowserTest {

    @Test
    void an_admin_tries_a_prompt_and_sees_its_task_tier_and_scores() {
        signInAsAdmin();
        assertThat(page.locator("vaadin-side-nav").getByText("Task clusters")).isVisible();
        page.locator("vaadin-side-nav").getByText("Task clusters").click();
        page.waitForURL("**/task-clusters**");

        page.locator("#try-prompt textarea").fill("Explain this stack trace, what am I doing wrong?\n"
                + "Exception in thread \"main\" java.lang.NullPointerException: name is null\n"
                + "\tat com.acme.UserService.normalize(UserService.java:42)");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Classify")).click();

        assertThat(page.locator("#try-task")).hasText("debugging");
        assertThat(page.locator("#try-tier")).containsText("tier:");
        assertThat(page.locator("vaadin-grid.rw-clusters vaadin-grid-cell-content").getByText("code_review").first())
                .isVisible();
        screenshot("task-clusters");
    }
}
