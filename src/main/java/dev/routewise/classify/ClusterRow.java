package dev.routewise.classify;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A task cluster as stored; keywords one per line. */
@Table("classify_cluster")
record ClusterRow(@Id Long id, String label, String description, String keywords, Instant updatedAt,
                  String updatedBy) {

    ClusterRow {
        Objects.requireNonNull(label);
        Objects.requireNonNull(description);
        Objects.requireNonNull(keywords);
        Objects.requireNonNull(updatedAt);
        Objects.requireNonNull(updatedBy);
    }

    List<String> keywordList() {
        return Arrays.stream(keywords.split("\n")).map(String::trim).filter(k -> !k.isEmpty()).toList();
    }

    ClusterRow withKeywords(List<String> list, String description, Instant at, String by) {
        return new ClusterRow(id, label, description, String.join("\n", list), at, by);
    }
}
