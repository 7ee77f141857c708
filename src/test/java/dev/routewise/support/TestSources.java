package dev.routewise.support;

import dev.routewise.catalog.SourceRef;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;

/** Inserts a bare model source row for catalog tests that apply listings directly. */
public final class TestSources {

    private TestSources() {
    }

    /** A new source of {@code type} with a unique slug starting with {@code prefix}. */
    public static SourceRef insert(JdbcClient jdbc, String prefix, String type) {
        String slug = prefix + "-" + System.nanoTime();
        long now = Instant.now().toEpochMilli();
        jdbc.sql("INSERT INTO model_source (name, slug, type, base_url, enabled, created_at, updated_at) "
                        + "VALUES (?, ?, ?, 'http://127.0.0.1:1/v1', 1, ?, ?)")
                .params(slug, slug, type, now, now).update();
        long id = jdbc.sql("SELECT id FROM model_source WHERE slug = ?").param(slug).query(Long.class).single();
        return new SourceRef(id, slug, type);
    }
}
