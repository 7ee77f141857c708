package dev.routewise.catalog.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import dev.routewise.KaribuViewTest;
import dev.routewise.catalog.CatalogModel;
import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.DiscoveredModel;
import dev.routewise.catalog.SourceRef;
import dev.routewise.security.Role;
import dev.routewise.security.TestUsers;
import dev.routewise.support.TestSources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

class ModelsViewTest extends KaribuViewTest {

    @Autowired
    CatalogService catalog;
    @Autowired
    JdbcClient jdbc;

    String slug;

    @BeforeEach
    void catalogWithModels() {
        SourceRef source = TestSources.insert(jdbc, "karibu", "openai");
        slug = source.slug();
        SecurityContextHolder.getContext().setAuthentication(TestUsers.asAdmin());
        catalog.apply(source, List.of(DiscoveredModel.idOnly("gpt-4o", null),
                DiscoveredModel.idOnly("gpt-4o-mini", null), DiscoveredModel.idOnly("unheard-of-model", null)), null);
        SecurityContextHolder.clearContext();
    }

    @SuppressWarnings("unchecked")
    private Grid<CatalogModel> grid() {
        return _get(Grid.class);
    }

    private List<CatalogModel> rows() {
        Grid<CatalogModel> grid = grid();
        return IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i)).toList();
    }

    private void search(String text) {
        _setValue(_get(TextField.class, s -> s.withPlaceholder("Search id or name")), text);
    }

    @Test
    void a_viewer_finds_models_by_text_and_sees_prices_but_cannot_edit() {
        signIn("vera", Role.VIEWER);
        UI.getCurrent().navigate(ModelsView.class);

        search(slug + "/gpt-4o");

        assertThat(rows()).extracting(CatalogModel::id).containsExactlyInAnyOrder(slug + "/gpt-4o",
                slug + "/gpt-4o-mini");
        assertThat(_find(Button.class, s -> s.withText("Edit"))).isEmpty();
        assertThat(_find(Button.class, s -> s.withText("Enable"))).isEmpty();
    }

    @Test
    void the_unpriced_filter_shows_models_without_a_known_price() {
        signIn("vera", Role.VIEWER);
        UI.getCurrent().navigate(ModelsView.class);
        search(slug);

        _setValue(_get(Checkbox.class, s -> s.withLabel("Unpriced only")), true);

        assertThat(rows()).extracting(CatalogModel::modelId).containsExactly("unheard-of-model");
        assertThat(rows().getFirst().inputPricePerMTok()).isNull();
    }

    @Test
    void an_operator_sets_a_price_by_hand() {
        signIn(TestUsers.ADMIN, Role.OPERATOR);
        UI.getCurrent().navigate(ModelsView.class);
        search(slug + "/unheard");
        CatalogModel model = rows().getFirst();

        new ModelDialog(catalog, model, () -> { }).open();
        Dialog dialog = _get(Dialog.class);
        _setValue(_get(dialog, BigDecimalField.class, s -> s.withLabel("Input $ / million tokens")),
                new java.math.BigDecimal("0.5"));
        _setValue(_get(dialog, BigDecimalField.class, s -> s.withLabel("Output $ / million tokens")),
                new java.math.BigDecimal("1.5"));
        _click(_get(dialog, Button.class, s -> s.withText("Save")));

        CatalogModel after = catalog.get(model.rowId()).orElseThrow();
        assertThat(after.inputPricePerMTok()).isEqualByComparingTo("0.5");
        assertThat(after.priceOrigin()).isEqualTo("manual");
        assertThat(after.costTier()).isNull();
    }

    @Test
    void an_operator_disables_selected_models_in_bulk() {
        signIn(TestUsers.ADMIN, Role.OPERATOR);
        UI.getCurrent().navigate(ModelsView.class);
        search(slug + "/gpt-4o");
        rows().forEach(grid()::select);

        _click(_get(Button.class, s -> s.withText("Disable 2")));

        assertThat(catalog.find(new dev.routewise.catalog.ModelFilter(java.util.Set.of(slug), null, null, null, null,
                false, false, null, null), List.of(), 0, 10)).hasSize(2);
    }

    @Test
    void only_an_admin_sees_the_price_catalog_and_a_bad_url_is_refused_on_its_field() {
        signIn(TestUsers.ADMIN, Role.OPERATOR);
        UI.getCurrent().navigate(ModelsView.class);
        assertThat(_find(Button.class, s -> s.withText("Price catalog"))).isEmpty();

        signIn(TestUsers.ADMIN, Role.ADMIN);
        UI.getCurrent().navigate(ModelsView.class);
        _click(_get(Button.class, s -> s.withText("Price catalog")));
        Dialog dialog = _get(Dialog.class);
        assertThat(_get(dialog, com.vaadin.flow.component.html.Span.class, s -> s.withPredicate(x -> x.getText() != null && x.getText().startsWith("In use:")))
                .getText()).contains("2595 entries");
        TextField url = _get(dialog, TextField.class, s -> s.withLabel("Refresh from URL"));
        _setValue(url, "ftp://example.com/prices.json");
        _click(_get(dialog, Button.class, s -> s.withText("Fetch")));

        org.awaitility.Awaitility.await().pollInSameThread().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            com.github.mvysny.kaributesting.v10.MockVaadin.clientRoundtrip(false);
            return url.isInvalid();
        });
        assertThat(url.getErrorMessage()).contains("http");
    }
}
