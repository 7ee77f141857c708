package dev.routewise.spend.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.routewise.e2e.BrowserTest;
import dev.routewise.security.Role;
import dev.routewise.spend.Budget;
import dev.routewise.spend.BudgetDraft;
import dev.routewise.spend.BudgetService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * After signing in at the root address an admin lands on the dashboard, which shows the gateway traffic just sent
 * through stub providers, budgets with their spend, and Chart.js charts drawn in the browser.
 */
class DashboardIT extends BrowserTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    BudgetService budgets;

    DashboardTraffic traffic;
    final List<Budget> created = new ArrayList<>();

    private void asAdmin() {
        User admin = new User("admin", "n/a", Role.ADMIN.authorities());
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(admin, null, Role.ADMIN.authorities()));
    }

    @AfterEach
    void cleanUp() {
        asAdmin();
        created.forEach(b -> budgets.delete(b.id()));
        if (traffic != null) {
            traffic.close();
        }
        SecurityContextHolder.clearContext();
    }

    @Test
    void the_root_address_shows_the_dashboard_with_the_traffic_after_sign_in() {
        asAdmin();
        created.add(budgets.create(new BudgetDraft("global", null, "month", new BigDecimal("0.05"), "block",
                List.of(new BigDecimal("0.5"), new BigDecimal("0.9")))));
        created.add(budgets.create(new BudgetDraft("team", "research", "day", new BigDecimal("0.02"), "degrade",
                List.of(new BigDecimal("0.75")))));
        created.add(budgets.create(new BudgetDraft("user", "ana", "day", new BigDecimal("0.015"), "block",
                List.of(new BigDecimal("0.8")))));
        traffic = new DashboardTraffic(context, port);
        traffic.send(List.of("ana", "ana", "ben", "ana", "chen", "ben", "ana"), 2);
        SecurityContextHolder.clearContext();

        page.setViewportSize(1280, 2600);
        page.navigate(url("/"));
        page.waitForURL("**/login");
        signInAsAdmin();
        assertThat(page.locator("#dashboard-summary")).isVisible();
        org.assertj.core.api.Assertions.assertThat(page.url()).isIn(url("/"), url("/?continue"));

        assertThat(page.locator("#stat-calls-value")).hasText("9");
        assertThat(page.locator("#stat-error-rate-value")).hasText("22.2 %");
        assertThat(page.locator("#dashboard-budgets")).containsText("Team research · today");
        assertThat(page.locator("#dashboard-top-users")).containsText("ana");
        // the ledger has the seven answered calls at $0.000048 each; the two failed ones cost nothing
        assertThat(page.locator("#stat-cost-today-value")).hasText("$0.000336",
                new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        // Chart.js has drawn: each chart's canvas is laid out and not hidden behind the empty text
        for (String panel : List.of("#dashboard-traffic", "#dashboard-models", "#dashboard-tasks",
                "#dashboard-latency", "#dashboard-cost", "#dashboard-savings")) {
            Locator canvas = page.locator(panel + " rw-chart canvas").first();
            assertThat(canvas).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
        }
        screenshot("dashboard");

        page.setViewportSize(1280, 800);
        page.navigate(url("/budgets"));
        assertThat(page.locator("vaadin-grid")).containsText("research");
        screenshot("budgets");
        page.navigate(url("/alerts"));
        assertThat(page.locator("h2, h3").first()).isVisible();
        screenshot("alerts");
    }
}
