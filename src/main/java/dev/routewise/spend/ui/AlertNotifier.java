package dev.routewise.spend.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import dev.routewise.base.ui.MainLayout;
import dev.routewise.spend.Alert;
import dev.routewise.spend.AlertRaised;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shows every open console page a notification when an alert is raised, through push. A UI counts while it shows
 * a view inside the console's {@link MainLayout} (signed-in users only; not the login page) and is forgotten when it
 * detaches. Registered here, from the spend feature, so that the base layout does not depend on any feature.
 */
@Component
class AlertNotifier implements VaadinServiceInitListener {

    private final Set<UI> uis = ConcurrentHashMap.newKeySet();

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            UI ui = init.getUI();
            ui.addAfterNavigationListener(nav -> {
                if (nav.getActiveChain().stream().anyMatch(MainLayout.class::isInstance)) {
                    uis.add(ui);
                } else {
                    uis.remove(ui);
                }
            });
            ui.addDetachListener(detach -> uis.remove(ui));
        });
    }

    /** On the alert writer's thread: {@code access} only queues the work for each UI's session. */
    @EventListener
    void on(AlertRaised raised) {
        for (UI ui : uis) {
            try {
                ui.access(() -> show(ui, raised.alert()));
            } catch (UIDetachedException e) {
                uis.remove(ui);
            }
        }
    }

    private static void show(UI ui, Alert alert) {
        Notification notification = new Notification();
        notification.addThemeVariants(alert.exhausted() ? NotificationVariant.LUMO_ERROR
                : NotificationVariant.LUMO_WARNING);
        notification.setPosition(Notification.Position.TOP_END);
        notification.setDuration(15_000);
        Button open = new Button("Open alerts", e -> {
            notification.close();
            ui.navigate(AlertsView.class);
        });
        open.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        Button close = new Button("Dismiss", e -> notification.close());
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        HorizontalLayout content = new HorizontalLayout(new Span("Budget alert: " + alert.message()), open, close);
        content.setAlignItems(FlexComponent.Alignment.CENTER);
        notification.add(content);
        notification.open();
        if (ui.getCurrentView() instanceof AlertsView view) {
            view.refresh();
        }
    }
}
