package dev.routewise.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Slow work started from a view (HTTP calls, waiting for a run) runs off the UI thread, as the
 * signed-in user, and hands its result back to the UI through push.
 */
public final class UiTasks {

    private static final Logger log = LoggerFactory.getLogger(UiTasks.class);

    private UiTasks() {
    }

    /**
     * Live figures: every {@code interval}, runs {@code work} off the UI thread as the signed-in user and pushes its
     * result to {@code onDone}, until the returned registration is removed or the UI goes away. One run at a time:
     * the next waits for the previous one. A failed run is logged and the next one tries again.
     */
    public static <T> Registration every(UI ui, Duration interval, Supplier<T> work, Consumer<T> onDone) {
        Runnable loop = () -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
                if (!ui.isAttached() || ui.isClosing()) {
                    return;
                }
                T result;
                try {
                    result = work.get();
                } catch (RuntimeException e) {
                    log.warn("A live refresh of the console failed; trying again in {}", interval, e);
                    continue;
                }
                try {
                    ui.access(() -> onDone.accept(result));
                } catch (UIDetachedException e) {
                    return;
                }
            }
        };
        Thread thread = Thread.ofVirtual().name("ui-refresh").start(
                new DelegatingSecurityContextRunnable(loop, SecurityContextHolder.getContext()));
        return thread::interrupt;
    }

    public static <T> void supply(UI ui, Supplier<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        Runnable task = () -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                ui.access(() -> onError.accept(e));
                return;
            }
            ui.access(() -> onDone.accept(result));
        };
        Thread.ofVirtual().name("ui-task").start(
                new DelegatingSecurityContextRunnable(task, SecurityContextHolder.getContext()));
    }
}
