package dev.routewise.spend.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.FieldErrors;
import dev.routewise.spend.Budget;
import dev.routewise.spend.BudgetDraft;
import dev.routewise.spend.BudgetPeriod;
import dev.routewise.spend.BudgetPolicy;
import dev.routewise.spend.BudgetScope;
import dev.routewise.spend.BudgetService;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Creates or changes one budget. The form speaks percents for the warning thresholds (the API's fractions are less
 * natural to type); everything else is checked by {@link BudgetService}, whose errors land on the field they name.
 */
class BudgetDialog extends Dialog {

    private final BudgetService budgets;
    private final Budget existing;
    private final Consumer<Budget> onSaved;

    final Select<BudgetScope> scope = new Select<>();
    final TextField scopeId = new TextField("Scope id");
    final Select<BudgetPeriod> period = new Select<>();
    final BigDecimalField limit = new BigDecimalField("Limit (USD)");
    final Select<BudgetPolicy> policy = new Select<>();
    final TextField warnAt = new TextField("Warn at (% of the limit)");
    final Button save = new Button("Save", e -> save());

    BudgetDialog(BudgetService budgets, Budget existing, Consumer<Budget> onSaved) {
        this.budgets = budgets;
        this.existing = existing;
        this.onSaved = onSaved;
        setHeaderTitle(existing == null ? "New budget" : "Edit budget " + existing.describe());
        setWidth("40rem");

        scope.setLabel("Scope");
        scope.setItems(BudgetScope.values());
        scope.setItemLabelGenerator(BudgetScope::wire);
        scope.addValueChangeListener(e -> scopeChanged(e.getValue()));
        period.setLabel("Period");
        period.setItems(BudgetPeriod.values());
        period.setItemLabelGenerator(BudgetPeriod::wire);
        period.addValueChangeListener(e -> period.setHelperText(periodHelp(e.getValue())));
        limit.setHelperText("An exact amount, e.g. 10.00");
        limit.setPrefixComponent(new Span("$"));
        policy.setLabel("Policy");
        policy.setItems(BudgetPolicy.values());
        policy.setItemLabelGenerator(BudgetPolicy::wire);
        policy.addValueChangeListener(e -> policy.setHelperText(policyHelp(e.getValue())));
        warnAt.setPlaceholder("75, 90");
        warnAt.setHelperText("Percents separated by commas: an alert is raised once per window as spend crosses "
                + "each. Reaching the limit always raises one.");

        if (existing == null) {
            scope.setValue(BudgetScope.TEAM);
            period.setValue(BudgetPeriod.DAY);
            policy.setValue(BudgetPolicy.BLOCK);
            warnAt.setValue("75, 90");
        } else {
            scope.setValue(existing.scope());
            scopeId.setValue(existing.scopeId() == null ? "" : existing.scopeId());
            period.setValue(existing.period());
            limit.setValue(existing.limitUsd());
            policy.setValue(existing.policy());
            warnAt.setValue(existing.warnAt().stream()
                    .map(t -> t.movePointRight(2).stripTrailingZeros().toPlainString())
                    .collect(Collectors.joining(", ")));
        }

        FormLayout form = new FormLayout(scope, scopeId, period, limit, policy, warnAt);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2));
        add(form);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private void scopeChanged(BudgetScope value) {
        boolean global = value == null || value == BudgetScope.GLOBAL;
        scopeId.setEnabled(!global);
        if (global) {
            scopeId.clear();
        }
        scopeId.setHelperText(switch (value == null ? BudgetScope.GLOBAL : value) {
            case GLOBAL -> "A global budget counts every call";
            case TEAM -> "The team name, as callers send it in x-routewise-team";
            case KEY -> "The API key's numeric id (see API keys)";
            case USER -> "The user name: the end user a call is for, else the key's owner or the console user";
        });
    }

    private static String periodHelp(BudgetPeriod value) {
        return switch (value == null ? BudgetPeriod.DAY : value) {
            case DAY -> "A calendar day in the spend time zone";
            case MONTH -> "A calendar month in the spend time zone";
            case REQUEST -> "Each call on its own: a cap on one call's estimated cost";
        };
    }

    private static String policyHelp(BudgetPolicy value) {
        return switch (value == null ? BudgetPolicy.BLOCK : value) {
            case BLOCK -> "A call that would pass the limit is refused (429) before reaching any provider";
            case DEGRADE -> "A call that would pass the limit goes to the eco profile (a cheaper model); it still "
                    + "counts";
        };
    }

    private Map<String, HasValidation> fields() {
        return Map.of("scope", scope, "scopeId", scopeId, "period", period, "limitUsd", limit, "policy", policy,
                "warnAt", warnAt);
    }

    private void save() {
        FieldErrors.clear(fields());
        boolean unparsable = FieldErrors.markIfUnparsable(limit, "Enter the limit as an amount, e.g. 10.00");
        List<BigDecimal> thresholds = thresholds();
        if (unparsable || thresholds == null) {
            return;
        }
        BudgetDraft draft = new BudgetDraft(wire(scope.getValue()), scopeId.getValue(),
                period.getValue() == null ? null : period.getValue().wire(), limit.getValue(),
                policy.getValue() == null ? null : policy.getValue().wire(), thresholds);
        try {
            Budget saved = existing == null ? budgets.create(draft) : budgets.update(existing.id(), draft);
            close();
            onSaved.accept(saved);
        } catch (InvalidInputException e) {
            FieldErrors.show(e, fields());
        }
    }

    private static String wire(BudgetScope s) {
        return s == null ? null : s.wire();
    }

    /** The percents typed as fractions of the limit; null (and the field marked) when one is not a number. */
    private List<BigDecimal> thresholds() {
        List<BigDecimal> result = new ArrayList<>();
        for (String part : warnAt.getValue().split(",")) {
            String text = part.strip();
            if (text.endsWith("%")) {
                text = text.substring(0, text.length() - 1).strip();
            }
            if (text.isEmpty()) {
                continue;
            }
            try {
                result.add(new BigDecimal(text).movePointLeft(2));
            } catch (NumberFormatException e) {
                warnAt.setErrorMessage("'" + part.strip() + "' is not a percent: write them like 75, 90");
                warnAt.setInvalid(true);
                return null;
            }
        }
        return result;
    }
}
