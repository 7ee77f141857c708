package dev.routewise.base.ui;

import com.vaadin.flow.component.UI;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Slow work started from a view (HTTP calls, waiting for a run) runs off the UI thread, as the
 * signed-in user, and hands its result back to the UI through push.
 */
public final class UiTasks {

    private UiTasks() {
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
