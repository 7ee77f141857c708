package dev.routewise.base.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The SQLite data source: creates the database folder, checks that the file can be written
 * before anything else touches it, and configures every pooled connection the same way.
 */
@Configuration(proxyBeanMethods = false)
class SqliteDataSourceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SqliteDataSourceConfiguration.class);

    @Bean
    DataSource dataSource(DatabaseProperties properties) {
        Path file = properties.file();
        ensureWritable(file);

        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) properties.busyTimeout().toMillis());
        // a transaction takes the write lock when it begins, so two writers queue on the busy timeout
        // instead of one failing with SQLITE_BUSY_SNAPSHOT after reading
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file);

        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(sqlite);
        hikari.setPoolName("routewise-sqlite");
        hikari.setMaximumPoolSize(properties.poolSize());
        hikari.setMinimumIdle(1);
        log.info("Database: {}", file);
        return new HikariDataSource(hikari);
    }

    static void ensureWritable(Path file) {
        Path folder = file.getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException | SecurityException e) {
            throw new DatabaseNotWritableException(file, "its folder cannot be created (" + describe(e) + ")");
        }
        if (Files.isDirectory(file)) {
            throw new DatabaseNotWritableException(file, "it is a folder, not a file");
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(folder)) {
            throw new DatabaseNotWritableException(file, Files.exists(file)
                    ? "the file is not writable" : "its folder " + folder + " is not writable");
        }
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException exists) {
            return exists.getFile() + " is a file, not a folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
