package dev.routewise.base.db;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the SQLite database lives and how connections to it behave.
 *
 * @param path        database file; its folder is created when missing
 * @param busyTimeout how long a connection waits for SQLite's single writer lock
 * @param poolSize    connections in the pool (WAL lets readers run beside the one writer)
 */
@Validated
@ConfigurationProperties("routewise.db")
public record DatabaseProperties(
        @NotBlank @DefaultValue("./data/routewise.db") String path,
        @DefaultValue("5s") Duration busyTimeout,
        @Min(1) @DefaultValue("4") int poolSize) {

    public Path file() {
        return Path.of(path).toAbsolutePath().normalize();
    }
}
