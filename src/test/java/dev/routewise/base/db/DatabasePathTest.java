package dev.routewise.base.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabasePathTest {

    @TempDir
    Path temp;

    @Test
    void the_database_folder_is_created_when_missing() {
        Path file = temp.resolve("nested/deeper/routewise.db");

        SqliteDataSourceConfiguration.ensureWritable(file);

        assertThat(file.getParent()).isDirectory();
    }

    @Test
    void a_path_below_a_regular_file_stops_start_up_with_one_clear_message() throws IOException {
        Path blocker = Files.writeString(temp.resolve("not-a-folder"), "x");
        Path file = blocker.resolve("routewise.db");

        assertThatThrownBy(() -> SqliteDataSourceConfiguration.ensureWritable(file))
                .isInstanceOf(DatabaseNotWritableException.class)
                .hasMessageStartingWith("Cannot use the database at " + file)
                .hasMessageContaining("ROUTEWISE_DB_PATH")
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_folder_in_place_of_the_file_is_refused() throws IOException {
        Path file = Files.createDirectories(temp.resolve("routewise.db"));

        assertThatThrownBy(() -> SqliteDataSourceConfiguration.ensureWritable(file))
                .hasMessageContaining("it is a folder");
    }

    @Test
    void the_failure_report_says_what_to_set() throws IOException {
        Path blocker = Files.writeString(temp.resolve("file"), "x");
        DatabaseNotWritableException failure = new DatabaseNotWritableException(blocker.resolve("db"), "test");

        FailureAnalysis analysis = new DatabaseFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo(failure.getMessage());
        assertThat(analysis.getAction()).contains("ROUTEWISE_DB_PATH");
    }
}
