package dev.routewise.catalog;

import dev.routewise.security.TestUsers;
import dev.routewise.support.TestSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogServiceTest {

    @Autowired
    CatalogService catalog;
    @Autowired
    JdbcClient jdbc;

    SourceRef source;

    @BeforeEach
    void newSource() {
        SecurityContextHolder.getContext().setAuthentication(TestUsers.asAdmin());
        source = TestSources.insert(jdbc, "test", "openai");
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private long run() {
        long now = Instant.now().toEpochMilli();
        jdbc.sql("INSERT INTO discovery_run (source_id, trigger, started_at, finished_at, status) "
                + "VALUES (?, 'test', ?, ?, 'ok')").params(source.id(), now, now).update();
        return jdbc.sql("SELECT max(id) FROM discovery_run").query(Long.class).single();
    }

    private List<CatalogModel> models() {
        return catalog.find(new ModelFilter(Set.of(source.slug()), null, null, null, null, null, false, null, null),
                List.of(new ModelSort(ModelSort.Column.ID, false)), 0, 100);
    }

    @Test
    void fallbacks_fill_the_catalog_until_the_first_listing_replaces_them() {
        assertThat(catalog.seedFallbacks(source)).isEqualTo(3);
        assertThat(models()).extracting(CatalogModel::origin).containsOnly("fallback");
        assertThat(models()).filteredOn(m -> m.modelId().equals("gpt-4o")).singleElement()
                .satisfies(m -> assertThat(m.inputPricePerMTok()).isEqualByComparingTo("2.5"));

        ApplyResult result = catalog.apply(source, List.of(DiscoveredModel.idOnly("gpt-4o", null),
                DiscoveredModel.idOnly("gpt-4.1", null)), run());

        assertThat(result.added()).isEqualTo(1);
        assertThat(result.updated()).isEqualTo(1);
        assertThat(result.removed()).isEqualTo(2);
        assertThat(models()).extracting(CatalogModel::modelId).containsExactly("gpt-4.1", "gpt-4o");
        assertThat(models()).extracting(CatalogModel::origin).containsOnly("discovered");
        assertThat(catalog.seedFallbacks(source)).isZero();
    }

    @Test
    void models_listed_as_created_at_the_epoch_are_read_back() {
        // local servers and stubs list "created": 0 or 1; SQLite hands such small millisecond values back as Integer
        catalog.apply(source, List.of(DiscoveredModel.idOnly("local-model", Instant.EPOCH),
                DiscoveredModel.idOnly("bench-model", Instant.ofEpochSecond(1))), run());

        assertThat(catalog.hasFallbacks(source.id())).isFalse();
        assertThat(models()).extracting(CatalogModel::modelId).containsExactly("bench-model", "local-model");
    }

    @Test
    void a_model_no_longer_listed_is_marked_missing_and_comes_back_when_listed_again() {
        catalog.apply(source, List.of(DiscoveredModel.idOnly("gpt-4o", null),
                DiscoveredModel.idOnly("gpt-4o-mini", null)), run());

        ApplyResult second = catalog.apply(source, List.of(DiscoveredModel.idOnly("gpt-4o", null)), run());

        assertThat(second.removed()).isEqualTo(1);
        assertThat(second.unchanged()).isEqualTo(1);
        CatalogModel mini = models().stream().filter(m -> m.modelId().equals("gpt-4o-mini")).findFirst().orElseThrow();
        assertThat(mini.status()).isEqualTo("missing");
        assertThat(mini.missingSince()).isNotNull();

        ApplyResult third = catalog.apply(source, List.of(DiscoveredModel.idOnly("gpt-4o", null),
                DiscoveredModel.idOnly("gpt-4o-mini", null)), run());

        assertThat(third.updated()).isEqualTo(1);
        assertThat(models()).extracting(CatalogModel::status).containsOnly("active");
    }

    @Test
    void new_models_are_flagged_as_new_only_after_an_earlier_successful_run() {
        catalog.apply(source, List.of(DiscoveredModel.idOnly("gpt-4o", null)), run());
        assertThat(models()).noneMatch(CatalogModel::newSinceLastRun);

        catalog.apply(source, List.of(DiscoveredModel.idOnly("gpt-4o", null), DiscoveredModel.idOnly("o3", null)),
                run());

        assertThat(models()).filteredOn(CatalogModel::newSinceLastRun).extracting(CatalogModel::modelId)
                .containsExactly("o3");
    }

    @Test
    void hand_edits_survive_rediscovery_and_prices_stay_exact() {
        catalog.apply(source, List.of(DiscoveredModel.idOnly("gpt-4o", null)), run());
        CatalogModel model = models().getFirst();

        catalog.edit(model.rowId(), new ModelEdit(true, "Team GPT", true, CostTier.HIGH, true,
                new BigDecimal("0.0000001"), new BigDecimal("123.456789"), true, false));
        catalog.apply(source, List.of(DiscoveredModel.idOnly("gpt-4o", null)), run());

        CatalogModel after = catalog.get(model.rowId()).orElseThrow();
        assertThat(after.displayName()).isEqualTo("Team GPT");
        assertThat(after.costTier()).isEqualTo(CostTier.HIGH);
        assertThat(after.inputPricePerMTok().toPlainString()).isEqualTo("0.0000001");
        assertThat(after.outputPricePerMTok().toPlainString()).isEqualTo("123.456789");
        assertThat(after.enabled()).isFalse();
        assertThat(after.manualFields()).containsExactlyInAnyOrder("display_name", "tier", "prices", "enabled");
    }

    @Test
    void unpriced_models_can_be_filtered_and_are_never_shown_as_free() {
        catalog.apply(source, List.of(DiscoveredModel.idOnly("gpt-4o", null),
                DiscoveredModel.idOnly("brand-new-model-2027", null)), run());

        List<CatalogModel> unpriced = catalog.find(new ModelFilter(Set.of(source.slug()), null, null, null, null,
                null, true, null, null), List.of(), 0, 10);

        assertThat(unpriced).singleElement().satisfies(m -> {
            assertThat(m.modelId()).isEqualTo("brand-new-model-2027");
            assertThat(m.inputPricePerMTok()).isNull();
            assertThat(m.priced()).isFalse();
            assertThat(m.costTier()).isNull();
        });
    }

    @Test
    void bulk_enable_marks_the_choice_as_a_hand_edit() {
        catalog.apply(source, List.of(DiscoveredModel.idOnly("gpt-4o", null), DiscoveredModel.idOnly("o3", null)),
                run());
        List<Long> ids = models().stream().map(CatalogModel::rowId).toList();

        assertThat(catalog.setEnabled(ids, false)).isEqualTo(2);

        assertThat(models()).allSatisfy(m -> {
            assertThat(m.enabled()).isFalse();
            assertThat(m.manualFields()).contains("enabled");
        });
    }
}
