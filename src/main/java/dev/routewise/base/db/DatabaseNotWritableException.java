package dev.routewise.base.db;

import java.nio.file.Path;

/** The configured database file cannot be created or written; start-up stops with one clear line. */
public class DatabaseNotWritableException extends RuntimeException {

    private final transient Path file;

    DatabaseNotWritableException(Path file, String reason) {
        super("Cannot use the database at " + file + ": " + reason
                + ". Set routewise.db.path (env ROUTEWISE_DB_PATH) to a writable location.");
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
