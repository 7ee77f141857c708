package dev.routewise.discovery.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.routewise.KaribuViewTest;
import dev.routewise.discovery.DiscoveryService;
import dev.routewise.discovery.ModelSource;
import dev.routewise.discovery.SourceService;
import dev.routewise.discovery.SourceType;
import dev.routewise.discovery.client.FakeProvider;
import dev.routewise.discovery.client.Payloads;
import dev.routewise.security.Role;
import dev.routewise.security.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SourcesViewTest extends KaribuViewTest {

    @Autowired
    SourceService sources;
    @Autowired
    DiscoveryService discovery;

    FakeProvider provider;

    @BeforeEach
    void stub() {
        provider = new FakeProvider();
        provider.on("/v1/models", FakeProvider.json(Payloads.text("deepseek.json")));
    }

    @AfterEach
    void close() {
        provider.close();
    }

    @SuppressWarnings("unchecked")
    private List<ModelSource> rows() {
        Grid<ModelSource> grid = _get(Grid.class, s -> s.withId("sources-grid"));
        return IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i)).toList();
    }

    @Test
    void an_operator_adds_a_source_in_the_dialog_and_it_is_discovered() {
        signIn(TestUsers.ADMIN, Role.OPERATOR);
        UI.getCurrent().navigate(SourcesView.class);
        String name = "DeepSeek " + System.nanoTime();

        _click(_get(Button.class, s -> s.withText("Add source")));
        Dialog dialog = _get(Dialog.class);
        @SuppressWarnings("unchecked")
        Select<SourceType> type = _get(dialog, Select.class, s -> s.withLabel("Type"));
        _setValue(type, SourceType.OPENAI_COMPATIBLE);
        _setValue(_get(dialog, TextField.class, s -> s.withLabel("Name")), name);
        _setValue(_get(dialog, TextField.class, s -> s.withLabel("Base URL")), provider.root() + "/v1");
        _setValue(_get(dialog, PasswordField.class, s -> s.withLabel("API key")), "sk-deepseek-0123456789");
        _click(_get(dialog, Button.class, s -> s.withText("Save")));

        ModelSource created = sources.list().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> sources.get(created.id()).lastRun() != null);
        MockVaadin.clientRoundtrip(false);
        assertThat(sources.get(created.id()).models()).isEqualTo(2);
        assertThat(rows()).filteredOn(s -> s.name().equals(name)).singleElement()
                .satisfies(s -> assertThat(s.apiKeyHint()).isEqualTo("sk-…6789"));
    }

    @Test
    void a_bad_base_url_is_marked_on_its_field_and_nothing_is_saved() {
        signIn(TestUsers.ADMIN, Role.OPERATOR);
        UI.getCurrent().navigate(SourcesView.class);
        int before = sources.list().size();

        _click(_get(Button.class, s -> s.withText("Add source")));
        Dialog dialog = _get(Dialog.class);
        _setValue(_get(dialog, TextField.class, s -> s.withLabel("Name")), "Broken " + System.nanoTime());
        TextField baseUrl = _get(dialog, TextField.class, s -> s.withLabel("Base URL"));
        _setValue(baseUrl, "not a url");
        _click(_get(dialog, Button.class, s -> s.withText("Save")));

        assertThat(baseUrl.isInvalid()).isTrue();
        assertThat(dialog.isOpened()).isTrue();
        assertThat(sources.list()).hasSize(before);
    }

    @Test
    void a_viewer_sees_sources_and_their_history_but_no_buttons_to_change_them() {
        signIn("vera", Role.VIEWER);
        UI.getCurrent().navigate(SourcesView.class);

        assertThat(_find(Button.class, s -> s.withText("Add source"))).isEmpty();
        assertThat(_find(Button.class, s -> s.withText("Sync all"))).isEmpty();
        assertThat(_find(Button.class, s -> s.withText("Sync"))).isEmpty();
    }
}
