package dev.routewise.base.db;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

import java.nio.file.Path;

/**
 * Checks the database path as soon as the configuration is known, before any bean exists, so
 * an unusable path ends start-up with Boot's short failure report and nothing else.
 * Registered in META-INF/spring.factories.
 */
class DatabasePathCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        String path = event.getEnvironment().getProperty("routewise.db.path", "./data/routewise.db");
        SqliteDataSourceConfiguration.ensureWritable(Path.of(path).toAbsolutePath().normalize());
    }
}
