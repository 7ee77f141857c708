package dev.routewise.security.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.routewise.base.ui.Formats;
import dev.routewise.security.AppRoles;
import dev.routewise.security.AuditAction;
import dev.routewise.security.AuditEvent;
import dev.routewise.security.AuditFilter;
import dev.routewise.security.AuditService;
import jakarta.annotation.security.RolesAllowed;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/** Admins browse security events, newest first, filtered by kind, actor, text and dates. */
@Route("audit")
@PageTitle("Audit log")
@Menu(order = 920, icon = "vaadin:clipboard-text", title = "Audit log")
@RolesAllowed(AppRoles.ADMIN)
public class AuditLogView extends VerticalLayout {

    private final AuditService audit;
    private final ComboBox<AuditAction> action = new ComboBox<>("Event");
    private final TextField actor = new TextField("Actor");
    private final TextField text = new TextField("Search");
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final Grid<AuditEvent> grid = new Grid<>();
    private final Span total = new Span();

    public AuditLogView(AuditService audit) {
        this.audit = audit;
        addClassName("rw-page");
        setSizeFull();

        action.setItems(AuditAction.values());
        action.setItemLabelGenerator(AuditLogView::label);
        action.setClearButtonVisible(true);
        actor.setClearButtonVisible(true);
        actor.setValueChangeMode(ValueChangeMode.LAZY);
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setPlaceholder("target or detail");
        from.setClearButtonVisible(true);
        to.setClearButtonVisible(true);
        action.setWidth("13rem");
        actor.setWidth("10rem");
        text.setWidth("14rem");
        from.setWidth("10rem");
        to.setWidth("10rem");
        action.addValueChangeListener(e -> refresh());
        actor.addValueChangeListener(e -> refresh());
        text.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        total.addClassName("rw-muted");
        HorizontalLayout filters = new HorizontalLayout(action, actor, text, from, to, total);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        grid.addColumn(e -> Formats.dateTime(e.occurredAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> label(AuditAction.valueOf(e.action()))).setHeader("Event").setAutoWidth(true);
        grid.addColumn(AuditEvent::actor).setHeader("Actor").setAutoWidth(true);
        grid.addColumn(AuditEvent::target).setHeader("Target").setAutoWidth(true);
        grid.addColumn(AuditEvent::detail).setHeader("Detail").setFlexGrow(1);
        grid.addColumn(AuditEvent::remoteAddress).setHeader("Address").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setSizeFull();

        add(filters, grid);
        refresh();
    }

    private void refresh() {
        AuditFilter filter = new AuditFilter(action.getValue(), actor.getValue(), text.getValue(),
                startOf(from.getValue()), startOf(to.getValue() == null ? null : to.getValue().plusDays(1)));
        grid.setItems(query -> audit.find(filter, query.getOffset(), query.getLimit()).stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, audit.count(filter)));
        long count = audit.count(filter);
        total.setText(count == 1 ? "1 event" : count + " events");
    }

    private static Instant startOf(LocalDate date) {
        return date == null ? null : date.atStartOfDay(ZoneId.systemDefault()).toInstant();
    }

    static String label(AuditAction action) {
        String words = action.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
