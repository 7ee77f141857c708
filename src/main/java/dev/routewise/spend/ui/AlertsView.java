package dev.routewise.spend.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.FieldErrors;
import dev.routewise.base.ui.Formats;
import dev.routewise.base.ui.Notifications;
import dev.routewise.base.ui.UiTasks;
import dev.routewise.security.AppRoles;
import dev.routewise.spend.Alert;
import dev.routewise.spend.AlertService;
import dev.routewise.spend.WebhookInput;
import dev.routewise.spend.WebhookResult;
import dev.routewise.spend.WebhookSettings;
import jakarta.annotation.security.PermitAll;

import java.util.Map;

/**
 * Budget alerts: every threshold a budget's window crossed, newest first, open ones until an operator acknowledges
 * them, with how the webhook post went; and the webhook itself, which operators set, switch off and test. Every
 * signed-in role reads.
 */
@Route("alerts")
@PageTitle("Alerts")
@Menu(order = 470, icon = "vaadin:bell", title = "Alerts")
@PermitAll
public class AlertsView extends VerticalLayout {

    private final AlertService alerts;
    private final boolean canWrite;

    final Checkbox openOnly = new Checkbox("Open only", true);
    final Grid<Alert> grid = new Grid<>();
    final Span count = new Span();
    final Paragraph noAlerts = new Paragraph();

    final Span webhookStatus = new Span();
    final TextField url = new TextField("Webhook URL");
    final Checkbox enabled = new Checkbox("Post alerts to the webhook");
    final Button save = new Button("Save webhook", e -> save(new WebhookInput(blankToNull(url.getValue()),
            enabled.getValue())));
    final Button remove = new Button("Remove webhook", e -> save(new WebhookInput("", false)));
    final Button test = new Button("Send a test message", VaadinIcon.PAPERPLANE.create(), e -> sendTest());

    public AlertsView(AlertService alerts, AuthenticationContext authentication) {
        this.alerts = alerts;
        this.canWrite = authentication.hasRole(AppRoles.OPERATOR);
        addClassName("rw-page");
        setWidthFull();
        add(alertList(), webhook());
        refresh();
    }

    // ------------------------------------------------------------------ alerts

    private Component alertList() {
        openOnly.addValueChangeListener(e -> refresh());
        count.addClassName("rw-muted");
        Button reload = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh());
        reload.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout toolbar = new HorizontalLayout(openOnly, reload, count);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.addColumn(a -> Formats.dateTime(a.createdAt())).setHeader("Raised").setKey("raised").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(AlertsView::severity).setHeader("Level").setKey("level").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(Alert::message).setHeader("Alert").setKey("message").setFlexGrow(3);
        grid.addColumn(AlertsView::delivery).setHeader("Webhook").setKey("webhook").setFlexGrow(1);
        grid.addComponentColumn(this::acknowledgement).setHeader("Acknowledged").setKey("acknowledged")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES,
                GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setWidthFull();
        grid.setHeight("24rem");
        noAlerts.addClassName("rw-muted");

        VerticalLayout section = new VerticalLayout(toolbar, noAlerts, grid);
        section.setPadding(false);
        section.setWidthFull();
        return section;
    }

    void refresh() {
        boolean open = openOnly.getValue();
        grid.setItems(query -> alerts.list(open, query.getOffset(), Math.min(query.getLimit(), AlertService.MAX_PAGE))
                .items().stream(), query -> (int) alerts.count(open));
        long n = alerts.count(open);
        count.setText((n == 1 ? "1 alert" : n + " alerts") + (open ? " open" : ""));
        noAlerts.setText(open ? "No open alerts. An alert is raised when a budget's spend crosses one of its warning "
                + "thresholds, once per threshold and window." : "No alerts yet.");
        noAlerts.setVisible(n == 0);
        grid.setVisible(n > 0);
        refreshWebhook();
    }

    private static Component severity(Alert a) {
        Span badge = new Span(a.exhausted() ? "exhausted" : "warning");
        badge.getElement().getThemeList().add(a.exhausted() ? "badge error small" : "badge contrast small");
        return badge;
    }

    private static String delivery(Alert a) {
        return switch (a.delivery()) {
            case NONE -> "—";
            case SENT -> "sent" + (a.attempts() > 1 ? " after " + a.attempts() + " attempts" : "");
            case PENDING -> "retrying (" + a.attempts() + " attempts)" + (a.lastError() == null ? ""
                    : ": " + a.lastError());
            case FAILED -> "failed" + (a.lastError() == null ? "" : ": " + a.lastError());
        };
    }

    private Component acknowledgement(Alert a) {
        if (!a.open()) {
            return new Span(a.acknowledgedBy() + ", " + Formats.dateTime(a.acknowledgedAt()));
        }
        if (!canWrite) {
            return new Span("open");
        }
        Button acknowledge = new Button("Acknowledge", e -> {
            alerts.acknowledge(a.id());
            Notifications.success("Alert acknowledged");
            refresh();
        });
        acknowledge.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return acknowledge;
    }

    // ------------------------------------------------------------------ webhook

    private Component webhook() {
        H3 title = new H3("Webhook");
        title.addClassName("rw-section-title");
        Paragraph help = new Paragraph("Each new alert is also posted as JSON to one URL: a Slack incoming webhook "
                + "works as it is (it reads \"text\"); other receivers find the figures in \"alert\". Failed posts "
                + "are retried. The URL is stored encrypted and never shown again.");
        help.addClassName("rw-muted");
        webhookStatus.addClassName("rw-webhook-status");
        VerticalLayout section = new VerticalLayout(title, help, webhookStatus);
        section.setPadding(false);
        section.setWidthFull();
        if (canWrite) {
            url.setWidth("32rem");
            url.setClearButtonVisible(true);
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            HorizontalLayout form = new HorizontalLayout(url, enabled);
            form.setAlignItems(FlexComponent.Alignment.BASELINE);
            section.add(form, new HorizontalLayout(save, test, remove));
        }
        return section;
    }

    private void refreshWebhook() {
        WebhookSettings s = alerts.webhook();
        String status = !s.configured() ? "No webhook: alerts show here only."
                : "Posting to " + s.urlHint() + (s.enabled() ? "" : " is switched off") + ".";
        if (s.lastDelivery() != null) {
            status += " Last post " + Formats.dateTime(s.lastDeliveryAt()) + ": " + s.lastDelivery()
                    + (s.lastError() == null ? "" : " (" + s.lastError() + ")");
        }
        webhookStatus.setText(status);
        url.setPlaceholder(s.configured() ? s.urlHint() + " (leave empty to keep)" : "https://hooks.slack.com/...");
        enabled.setValue(!s.configured() || s.enabled());
        remove.setVisible(s.configured());
    }

    private void save(WebhookInput input) {
        FieldErrors.clear(Map.of("url", url));
        try {
            alerts.saveWebhook(input);
        } catch (InvalidInputException e) {
            FieldErrors.show(e, Map.of("url", url));
            return;
        }
        url.clear();
        Notifications.success(input.url() != null && input.url().isEmpty() ? "Webhook removed" : "Webhook saved");
        refreshWebhook();
    }

    /** Posts off the UI thread: the webhook may take up to the configured timeout to answer. */
    private void sendTest() {
        FieldErrors.clear(Map.of("url", url));
        String target = blankToNull(url.getValue());
        UI ui = UI.getCurrent();
        test.setEnabled(false);
        UiTasks.supply(ui, () -> alerts.testWebhook(target), (WebhookResult r) -> {
            test.setEnabled(true);
            if (r.sent()) {
                Notifications.success("Test message sent: the webhook answered " + r.status());
            } else {
                Notifications.error("The test message was not accepted: " + r.error());
            }
            refreshWebhook();
        }, error -> {
            test.setEnabled(true);
            if (error instanceof InvalidInputException invalid) {
                FieldErrors.show(invalid, Map.of("url", url));
            } else {
                Notifications.error("The test message could not be sent: " + error.getMessage());
            }
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
