package dev.routewise.base.db;

import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.relational.core.dialect.AbstractDialect;
import org.springframework.data.relational.core.dialect.IdGeneration;
import org.springframework.data.relational.core.dialect.LimitClause;
import org.springframework.data.relational.core.dialect.LockClause;
import org.springframework.data.relational.core.sql.IdentifierProcessing;
import org.springframework.data.relational.core.sql.LockOptions;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Spring Data JDBC has no SQLite dialect (the maintainers declined one), so this is ours.
 * It is the one place that knows SQLite's SQL forms; everything else stays portable.
 */
final class SqliteDialect extends AbstractDialect implements JdbcDialect {

    static final SqliteDialect INSTANCE = new SqliteDialect();

    private static final LimitClause LIMIT = new LimitClause() {
        @Override
        public String getLimit(long limit) {
            return "LIMIT " + limit;
        }

        @Override
        public String getOffset(long offset) {
            return "LIMIT -1 OFFSET " + offset;
        }

        @Override
        public String getLimitOffset(long limit, long offset) {
            return "LIMIT " + limit + " OFFSET " + offset;
        }

        @Override
        public Position getClausePosition() {
            return Position.AFTER_ORDER_BY;
        }
    };

    /** SQLite locks the whole database for a writer; there is no row lock clause. */
    private static final LockClause LOCK = new LockClause() {
        @Override
        public String getLock(LockOptions lockOptions) {
            return "";
        }

        @Override
        public Position getClausePosition() {
            return Position.AFTER_ORDER_BY;
        }
    };

    /** sqlite-jdbc returns no generated keys for batches, so ids are fetched one insert at a time. */
    private static final IdGeneration ID_GENERATION = new IdGeneration() {
        @Override
        public boolean supportedForBatchOperations() {
            return false;
        }
    };

    private SqliteDialect() {
    }

    @Override
    public String getName() {
        return "SQLite";
    }

    @Override
    public LimitClause limit() {
        return LIMIT;
    }

    @Override
    public LockClause lock() {
        return LOCK;
    }

    @Override
    public IdGeneration getIdGeneration() {
        return ID_GENERATION;
    }

    @Override
    public IdentifierProcessing getIdentifierProcessing() {
        return IdentifierProcessing.ANSI;
    }

    /**
     * Instants are written as timestamps, which sqlite-jdbc stores as epoch milliseconds and reads back as a Long,
     * or as an Integer when the value fits one: any instant before 1970-01-25, such as the {@code "created": 0}
     * that some OpenAI-compatible servers list for every model.
     */
    @Override
    public Collection<Object> getConverters() {
        return List.of(EpochMillisToInstant.INSTANCE, SmallEpochMillisToInstant.INSTANCE, IntegerToBoolean.INSTANCE,
                BigDecimalToText.INSTANCE);
    }

    @ReadingConverter
    enum EpochMillisToInstant implements Converter<Long, Instant> {
        INSTANCE;

        @Override
        public Instant convert(Long source) {
            return Instant.ofEpochMilli(source);
        }
    }

    @ReadingConverter
    enum SmallEpochMillisToInstant implements Converter<Integer, Instant> {
        INSTANCE;

        @Override
        public Instant convert(Integer source) {
            return Instant.ofEpochMilli(source);
        }
    }

    /** Money is exact: decimals are stored as their text, never as a binary double. */
    @WritingConverter
    enum BigDecimalToText implements Converter<java.math.BigDecimal, String> {
        INSTANCE;

        @Override
        public String convert(java.math.BigDecimal source) {
            return source.toPlainString();
        }
    }

    @ReadingConverter
    enum IntegerToBoolean implements Converter<Integer, Boolean> {
        INSTANCE;

        @Override
        public Boolean convert(Integer source) {
            return source != 0;
        }
    }
}
