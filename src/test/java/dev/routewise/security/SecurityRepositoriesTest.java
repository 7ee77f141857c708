package dev.routewise.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spring Data JDBC on the real SQLite file: the dialect, the converters and the schema's constraints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityRepositoriesTest {

    @Autowired
    UserRepository users;
    @Autowired
    ApiKeyRepository keys;
    @Autowired
    AuditRepository auditRepository;
    @Autowired
    AuditService audit;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void connections_use_wal_and_enforce_foreign_keys() {
        assertThat(jdbc.queryForObject("PRAGMA journal_mode", String.class)).isEqualToIgnoringCase("wal");
        assertThat(jdbc.queryForObject("PRAGMA foreign_keys", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("PRAGMA busy_timeout", Integer.class)).isEqualTo(5000);
    }

    @Test
    void a_user_round_trips_with_instants_and_booleans() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UserAccount saved = users.save(UserAccount.create("roundtrip", "{noop}x", Role.OPERATOR, now)
                .withEnabled(false).withLastLogin(now.plusSeconds(5)));

        UserAccount loaded = users.findById(saved.id()).orElseThrow();

        assertThat(loaded).isEqualTo(saved);
        assertThat(loaded.enabled()).isFalse();
        assertThat(loaded.lastLoginAt()).isEqualTo(now.plusSeconds(5));
    }

    @Test
    void the_database_refuses_a_second_user_name_differing_only_in_case() {
        users.save(UserAccount.create("CaseUser", "{noop}x", Role.VIEWER, Instant.now()));

        assertThatThrownBy(() -> users.save(UserAccount.create("caseuser", "{noop}x", Role.VIEWER, Instant.now())))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void an_api_key_cannot_point_at_a_missing_owner() {
        ApiKey orphan = new ApiKey(null, "orphan", "rw_orphan1", "hash-" + System.nanoTime(), Role.VIEWER, 999_999L,
                "test", Instant.now(), null, null);

        assertThatThrownBy(() -> keys.save(orphan)).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void last_used_only_moves_forward() {
        ApiKey key = keys.save(new ApiKey(null, "k", "rw_abcdefgh", "hash-" + System.nanoTime(), Role.VIEWER, null,
                "test", Instant.now(), null, null));
        Instant later = Instant.parse("2026-11-21T12:00:00Z");

        keys.updateLastUsed(key.id(), later);
        keys.updateLastUsed(key.id(), later.minusSeconds(60));

        assertThat(keys.findById(key.id()).orElseThrow().lastUsedAt()).isEqualTo(later);
    }

    @Test
    void the_audit_log_pages_newest_first_and_filters_by_time() {
        String marker = "paging-" + System.nanoTime();
        Instant base = Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < 25; i++) {
            auditRepository.save(new AuditEvent(null, base.plusSeconds(i), "tester", AuditAction.LOGIN_FAILED.name(),
                    marker, "attempt " + i, "127.0.0.1"));
        }
        SecurityContextHolder.getContext().setAuthentication(TestUsers.asAdmin());
        try {
            AuditFilter filter = new AuditFilter(AuditAction.LOGIN_FAILED, "test", marker, null, null);
            List<AuditEvent> second = audit.find(filter, 10, 10);
            AuditFilter window = new AuditFilter(null, null, marker, base.plusSeconds(5), base.plusSeconds(10));

            assertThat(audit.count(filter)).isEqualTo(25);
            assertThat(second).extracting(AuditEvent::detail).first().isEqualTo("attempt 14");
            assertThat(second).hasSize(10);
            assertThat(audit.count(window)).isEqualTo(5);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
