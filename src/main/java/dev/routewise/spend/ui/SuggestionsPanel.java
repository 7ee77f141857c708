package dev.routewise.spend.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import dev.routewise.base.ui.Formats;
import dev.routewise.spend.DowngradeAdvisor;

import java.util.List;

/**
 * The cost optimizer's downgrade suggestions: cheaper models that did as well on a task over the last 30 days, with
 * the monthly saving. They change slowly, so the panel is read when the page opens or the period changes, not on
 * every refresh.
 */
class SuggestionsPanel extends DashboardPanel<List<DowngradeAdvisor.Suggestion>> {

    static final int SHOWN = 5;

    private final DowngradeAdvisor advisor;
    final Grid<DowngradeAdvisor.Suggestion> grid = new Grid<>();
    private final Paragraph none = new Paragraph("No downgrade suggestions: a cheaper model is suggested for a task "
            + "once both it and the current model have at least 20 calls on the task in 30 days, with equal success "
            + "and ratings.");

    SuggestionsPanel(DowngradeAdvisor advisor) {
        super("dashboard-suggestions", "Downgrade suggestions", Width.FULL);
        this.advisor = advisor;
        none.addClassName("rw-muted");
        grid.addColumn(DowngradeAdvisor.Suggestion::task).setHeader("Task").setAutoWidth(true);
        grid.addColumn(DowngradeAdvisor.Suggestion::currentModel).setHeader("Now").setAutoWidth(true);
        grid.addColumn(DowngradeAdvisor.Suggestion::suggestedModel).setHeader("Cheaper, as good").setAutoWidth(true);
        grid.addColumn(s -> Formats.usd(s.monthlySavingUsd()) + " (" + Formats.percent(s.savingShare()) + ")")
                .setHeader("Saving per month").setAutoWidth(true);
        grid.addColumn(DowngradeAdvisor.Suggestion::evidence).setHeader("Evidence").setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        add(none, grid);
    }

    @Override
    List<DowngradeAdvisor.Suggestion> load(DashboardFigures figures) {
        return advisor.suggestions().stream().limit(SHOWN).toList();
    }

    @Override
    void show(List<DowngradeAdvisor.Suggestion> suggestions) {
        grid.setItems(suggestions);
        grid.setVisible(!suggestions.isEmpty());
        none.setVisible(suggestions.isEmpty());
    }

    @Override
    boolean live() {
        return false;
    }
}
