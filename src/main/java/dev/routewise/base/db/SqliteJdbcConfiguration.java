package dev.routewise.base.db;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;

/** Registers the SQLite dialect; Boot's JDBC auto-configuration backs off when one exists. */
@Configuration(proxyBeanMethods = false)
class SqliteJdbcConfiguration {

    @Bean
    JdbcDialect jdbcDialect() {
        return SqliteDialect.INSTANCE;
    }
}
