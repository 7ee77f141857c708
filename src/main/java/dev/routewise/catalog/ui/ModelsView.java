package dev.routewise.catalog.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.routewise.base.ui.Notifications;
import dev.routewise.catalog.Capability;
import dev.routewise.catalog.CatalogModel;
import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.CostTier;
import dev.routewise.catalog.ModelFilter;
import dev.routewise.catalog.ModelKind;
import dev.routewise.catalog.ModelSort;
import dev.routewise.catalog.PriceCatalogService;
import dev.routewise.catalog.Modality;
import dev.routewise.security.AppRoles;
import jakarta.annotation.security.PermitAll;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Every model Routewise can route to: a lazy grid, filtered and sorted in the database. */
@Route("models")
@PageTitle("Models")
@Menu(order = 100, icon = "vaadin:cubes", title = "Models")
@PermitAll
public class ModelsView extends VerticalLayout {

    static final String UNPRICED = "Unpriced";

    private final CatalogService catalog;
    private final boolean canEdit;
    final Grid<CatalogModel> grid = new Grid<>();
    final TextField search = new TextField();
    final MultiSelectComboBox<String> providers = new MultiSelectComboBox<>();
    final ComboBox<CostTier> tier = new ComboBox<>();
    final ComboBox<Modality> modality = new ComboBox<>();
    final ComboBox<Capability> capability = new ComboBox<>();
    final ComboBox<ModelKind> kind = new ComboBox<>();
    final ComboBox<String> enabled = new ComboBox<>();
    final Checkbox unpriced = new Checkbox("Unpriced only");
    private final Span total = new Span();
    private final Button enable = new Button("Enable");
    private final Button disable = new Button("Disable");

    public ModelsView(CatalogService catalog, PriceCatalogService prices, AuthenticationContext auth) {
        this.catalog = catalog;
        this.canEdit = auth.hasRole(AppRoles.OPERATOR);
        addClassName("rw-page");
        setSizeFull();

        search.setPlaceholder("Search id or name");
        search.setAriaLabel("Search");
        providers.setPlaceholder("Provider");
        providers.setAriaLabel("Provider");
        tier.setPlaceholder("Tier");
        tier.setAriaLabel("Tier");
        modality.setPlaceholder("Reads");
        modality.setAriaLabel("Modality");
        capability.setPlaceholder("Capability");
        capability.setAriaLabel("Capability");
        kind.setPlaceholder("Kind");
        kind.setAriaLabel("Kind");
        enabled.setPlaceholder("Enabled?");
        enabled.setAriaLabel("Enabled");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        providers.setItems(catalog.providers().keySet());
        providers.setWidth("9rem");
        search.setWidth("11rem");
        tier.setItems(CostTier.values());
        tier.setItemLabelGenerator(t -> capitalize(t.key()));
        modality.setItems(Modality.values());
        modality.setItemLabelGenerator(m -> capitalize(m.key()));
        capability.setItems(Capability.values());
        capability.setItemLabelGenerator(c -> capitalize(c.key().replace('_', ' ')));
        kind.setItems(ModelKind.values());
        kind.setItemLabelGenerator(k -> capitalize(k.key()));
        enabled.setItems("Enabled", "Disabled");
        for (ComboBox<?> box : List.of(tier, modality, capability, kind, enabled)) {
            box.setClearButtonVisible(true);
            box.setWidth(box == capability ? "8rem" : "6.5rem");
            box.addValueChangeListener(e -> refresh());
        }
        search.addValueChangeListener(e -> refresh());
        providers.addValueChangeListener(e -> refresh());
        unpriced.addValueChangeListener(e -> refresh());
        total.addClassName("rw-muted");

        HorizontalLayout filters = new HorizontalLayout(search, providers, tier, modality, capability, kind, enabled,
                unpriced);
        filters.setSpacing(false);
        filters.addClassName("rw-filters");
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        enable.addClickListener(e -> bulk(true));
        disable.addClickListener(e -> bulk(false));
        enable.setEnabled(false);
        disable.setEnabled(false);
        Button priceCatalog = new Button("Price catalog", e -> new PriceCatalogDialog(prices).open());
        priceCatalog.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        priceCatalog.setVisible(auth.hasRole(AppRoles.ADMIN));
        HorizontalLayout actions = new HorizontalLayout(total, enable, disable, priceCatalog);
        actions.setAlignItems(Alignment.CENTER);
        enable.setVisible(canEdit);
        disable.setVisible(canEdit);

        configureGrid();
        add(filters, actions, grid);
        refresh();
    }

    private void configureGrid() {
        grid.addComponentColumn(this::nameCell).setHeader("Model").setKey("NAME").setSortable(true)
                .setWidth("14rem").setFlexGrow(3).setResizable(true);
        grid.addColumn(CatalogModel::provider).setHeader("Provider").setKey("PROVIDER").setSortable(true)
                .setVisible(false);
        grid.addComponentColumn(this::tierBadge).setHeader("Tier").setKey("TIER").setSortable(true)
                .setAutoWidth(true);
        grid.addComponentColumn(m -> price(m, m.inputPricePerMTok())).setHeader("In $/M").setKey("INPUT_PRICE")
                .setSortable(true).setWidth("5.8rem").setFlexGrow(0);
        grid.addComponentColumn(m -> price(m, m.outputPricePerMTok())).setHeader("Out $/M")
                .setKey("OUTPUT_PRICE").setSortable(true).setWidth("6rem").setFlexGrow(0);
        grid.addComponentColumn(m -> {
            Span context = new Span(tokens(m.contextTokens()));
            context.getElement().setAttribute("title", "context window " + tokens(m.contextTokens())
                    + ", answers up to " + tokens(m.maxOutputTokens()) + " tokens");
            return context;
        }).setHeader("Context").setKey("CONTEXT").setSortable(true).setWidth("6rem").setFlexGrow(0);
        grid.addColumn(m -> m.modalities().stream().filter(x -> x != Modality.TEXT).map(Modality::key)
                .collect(Collectors.joining(", "))).setHeader("Also reads").setWidth("6.5rem").setFlexGrow(0);
        grid.addColumn(m -> m.capabilities().stream().filter(c -> c != Capability.STREAMING)
                .map(c -> c.key().replace("structured_output", "json")).collect(Collectors.joining(", ")))
                .setHeader("Capabilities").setWidth("8rem").setFlexGrow(1);
        grid.addComponentColumn(this::statusCell).setHeader("Status").setWidth("6.5rem").setFlexGrow(0);
        if (canEdit) {
            grid.addComponentColumn(m -> {
                Button edit = new Button("Edit", e -> new ModelDialog(catalog, m, this::refreshAll).open());
                edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                return edit;
            }).setHeader("").setWidth("4.5rem").setFlexGrow(0);
            grid.setSelectionMode(Grid.SelectionMode.MULTI);
            grid.addSelectionListener(e -> {
                boolean any = !e.getAllSelectedItems().isEmpty();
                enable.setEnabled(any);
                disable.setEnabled(any);
                enable.setText(any ? "Enable " + e.getAllSelectedItems().size() : "Enable");
                disable.setText(any ? "Disable " + e.getAllSelectedItems().size() : "Disable");
            });
        }
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setMultiSort(false);
        grid.setSizeFull();
        grid.setPageSize(100);
    }

    ModelFilter filter() {
        Boolean enabledFilter = enabled.getValue() == null ? null : enabled.getValue().equals("Enabled");
        return new ModelFilter(providers.getValue().isEmpty() ? null : Set.copyOf(providers.getValue()),
                tier.getValue(), modality.getValue(), capability.getValue(), kind.getValue(), enabledFilter,
                unpriced.getValue(), null, search.getValue());
    }

    private void refresh() {
        ModelFilter filter = filter();
        grid.setItems(query -> catalog.find(filter, sorts(query.getSortOrders()), query.getOffset(), query.getLimit())
                .stream(), query -> (int) Math.min(Integer.MAX_VALUE, catalog.count(filter)));
        long count = catalog.count(filter);
        total.setText(count == 1 ? "1 model" : NumberFormat.getIntegerInstance(Locale.US).format(count) + " models");
    }

    private void refreshAll() {
        grid.getDataProvider().refreshAll();
    }

    private static List<ModelSort> sorts(List<com.vaadin.flow.data.provider.QuerySortOrder> orders) {
        List<ModelSort> sorts = new ArrayList<>();
        for (var order : orders) {
            sorts.add(new ModelSort(ModelSort.Column.valueOf(order.getSorted()),
                    order.getDirection() == SortDirection.DESCENDING));
        }
        return sorts;
    }

    private void bulk(boolean on) {
        Set<CatalogModel> selected = grid.getSelectedItems();
        int changed = catalog.setEnabled(selected.stream().map(CatalogModel::rowId).toList(), on);
        Notifications.success((on ? "Enabled " : "Disabled ") + changed + " models");
        grid.deselectAll();
        refreshAll();
    }

    private Div nameCell(CatalogModel m) {
        Span name = new Span(m.displayName());
        name.addClassName("rw-strong");
        Span id = new Span(m.id());
        id.addClassName("rw-model-id");
        Div cell = new Div(name);
        if (m.newSinceLastRun()) {
            Span badge = new Span("new");
            badge.getElement().getThemeList().add("badge success small pill");
            cell.add(new Span(" "), badge);
        }
        cell.add(new Div(id));
        return cell;
    }

    private Span tierBadge(CatalogModel m) {
        if (m.costTier() == null) {
            Span none = new Span("—");
            none.addClassName("rw-muted");
            return none;
        }
        Span badge = new Span(capitalize(m.costTier().key()));
        badge.getElement().getThemeList().add(switch (m.costTier()) {
            case LOW -> "badge success";
            case MEDIUM -> "badge";
            case HIGH -> "badge error";
        });
        if ("manual".equals(m.tierOrigin())) {
            badge.getElement().setAttribute("title", "set by hand");
        }
        return badge;
    }

    private Span price(CatalogModel m, BigDecimal value) {
        if (!m.priced()) {
            Span unpricedBadge = new Span(UNPRICED);
            unpricedBadge.getElement().getThemeList().add("badge warning");
            unpricedBadge.getElement().setAttribute("title",
                    "No known price: never costed as free; excluded when a request sets a cost cap");
            return unpricedBadge;
        }
        Span s = new Span(value.signum() == 0 ? "free" : "$" + value.stripTrailingZeros().toPlainString());
        s.getElement().setAttribute("title", "price from " + m.priceOrigin());
        return s;
    }

    private Div statusCell(CatalogModel m) {
        Div cell = new Div();
        if (!m.enabled()) {
            cell.add(badge("off", "badge contrast"));
        }
        if ("fallback".equals(m.origin())) {
            cell.add(badge("fallback", "badge warning"));
        }
        if (!"active".equals(m.status())) {
            cell.add(badge(m.status(), "badge error"));
        }
        if (!m.manualFields().isEmpty()) {
            cell.add(badge("edited", "badge"));
        }
        if (cell.getChildren().findAny().isEmpty()) {
            cell.add(badge("active", "badge success"));
        }
        return cell;
    }

    private static Span badge(String text, String theme) {
        Span s = new Span(text);
        s.getElement().getThemeList().add(theme + " small");
        s.addClassName("rw-badge-gap");
        return s;
    }

    static String tokens(Integer n) {
        if (n == null) {
            return "—";
        }
        if (n >= 1_000_000) {
            return trim(n / 1_000_000.0) + "M";
        }
        return n >= 1000 ? trim(n / 1000.0) + "K" : String.valueOf(n);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.US, "%.1f", v);
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
