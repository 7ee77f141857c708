package dev.routewise.spend.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;

/**
 * One panel of the dashboard. Adding a panel is a subclass that reads its figures from a feature's public service
 * in {@link #load} and shows them in {@link #show}, and one line in {@link DashboardView}'s list of panels.
 * {@code load} runs off the UI thread on live refreshes, so it only calls services; {@code show} runs on the UI
 * thread and only touches components.
 *
 * @param <T> the figures the panel shows, read in one go
 */
abstract class DashboardPanel<T> extends Div {

    /** How much of the dashboard's width a panel takes. */
    enum Width {
        /** One column of the grid. */
        NARROW,
        /** The whole row. */
        FULL
    }

    protected DashboardPanel(String id, String title, Width width) {
        setId(id);
        addClassNames("rw-panel", width == Width.FULL ? "rw-panel-full" : "rw-panel-narrow");
        H2 heading = new H2(title);
        heading.addClassName("rw-panel-title");
        add(heading);
    }

    /** Reads the panel's figures for the window; shared figures come from {@code figures} (read once a refresh). */
    abstract T load(DashboardFigures figures);

    abstract void show(T figures);

    /**
     * Whether the dashboard's timer refreshes the panel. Panels whose figures change on events they subscribe to
     * (or rarely) say false and are refreshed only when the view opens or the period changes.
     */
    boolean live() {
        return true;
    }

    /** Loads now and returns what shows the result, so loading can happen on another thread than showing. */
    final Runnable prepare(DashboardFigures figures) {
        T loaded = load(figures);
        return () -> show(loaded);
    }
}
