package dev.routewise.classify;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;
import java.util.Objects;

/** An example prompt of a cluster as stored. */
@Table("classify_example")
record ExampleRow(@Id Long id, String label, String text, boolean shipped, Instant createdAt, String createdBy) {

    ExampleRow {
        Objects.requireNonNull(label);
        Objects.requireNonNull(text);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(createdBy);
    }

    ExampleRow withText(String newText) {
        return new ExampleRow(id, label, newText, shipped, createdAt, createdBy);
    }
}
