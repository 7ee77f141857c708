package dev.routewise.spend;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Budgets over REST (../shared/API.md, docs/spend.md): {@code /api/v1/budgets} to configure them and
 * {@code /api/v1/budget} for each budget's current window. Roles are checked by the service.
 */
@RestController
class BudgetApiController {

    private final BudgetService budgets;

    BudgetApiController(BudgetService budgets) {
        this.budgets = budgets;
    }

    @GetMapping("/api/v1/budgets")
    List<Budget> list() {
        return budgets.list();
    }

    @PostMapping("/api/v1/budgets")
    @ResponseStatus(HttpStatus.CREATED)
    Budget create(@RequestBody(required = false) BudgetDraft draft) {
        return budgets.create(draft);
    }

    @PutMapping("/api/v1/budgets/{id}")
    Budget update(@PathVariable long id, @RequestBody(required = false) BudgetDraft draft) {
        return budgets.update(id, draft);
    }

    @DeleteMapping("/api/v1/budgets/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        budgets.delete(id);
    }

    @GetMapping("/api/v1/budget")
    List<BudgetStatus> status() {
        return budgets.status();
    }
}
