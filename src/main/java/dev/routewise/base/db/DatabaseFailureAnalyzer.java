package dev.routewise.base.db;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unusable database path into Spring Boot's short failure report instead of a stack trace. */
class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseNotWritableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseNotWritableException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Point routewise.db.path (or the ROUTEWISE_DB_PATH environment variable) at a file in a folder this user can write.",
                cause);
    }
}
