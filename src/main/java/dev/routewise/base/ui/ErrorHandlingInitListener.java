package dev.routewise.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import dev.routewise.base.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The console's one error handler: an error no view handled is logged with its stack trace
 * and the user sees a short notification instead of a broken page.
 */
@Component
class ErrorHandlingInitListener implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandlingInitListener.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(error -> {
            Throwable cause = rootOf(error.getThrowable());
            String message;
            if (cause instanceof InvalidInputException invalid) {
                message = invalid.getMessage();
                log.debug("Invalid input not handled by its view", cause);
            } else if (cause instanceof AccessDeniedException) {
                message = "Your role does not allow this.";
                log.warn("Access denied in the console: {}", cause.getMessage());
            } else {
                message = "Something went wrong; the error has been logged.";
                log.error("Unhandled error in the console", error.getThrowable());
            }
            UI ui = UI.getCurrent();
            if (ui != null) {
                ui.access(() -> Notification.show(message, 6000, Notification.Position.TOP_CENTER)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR));
            }
        }));
    }

    private static Throwable rootOf(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current
                && !(current instanceof InvalidInputException) && !(current instanceof AccessDeniedException)) {
            current = current.getCause();
        }
        return current;
    }
}
