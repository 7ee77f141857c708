package dev.routewise.discovery;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/** A model source as stored: the API key and extra headers only encrypted. */
@Table("model_source")
record SourceRow(@Id Long id, String name, String slug, String type, String baseUrl, String apiKeyCipher,
                 String apiKeyHint, String docUrl, boolean enabled, String schedule, String extraHeaders,
                 Instant createdAt, Instant updatedAt) {

    SourceRow withId(Long newId) {
        return new SourceRow(newId, name, slug, type, baseUrl, apiKeyCipher, apiKeyHint, docUrl, enabled, schedule,
                extraHeaders, createdAt, updatedAt);
    }
}
