package dev.routewise.discovery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceScheduleTest {

    @Test
    void blank_means_manual_discovery_only() {
        assertThat(SourceSchedule.parse(null)).isEmpty();
        assertThat(SourceSchedule.parse("  ")).isEmpty();
    }

    @Test
    void intervals_in_iso_and_short_form() {
        assertThat(SourceSchedule.parse("PT6H").orElseThrow().interval()).isEqualTo(Duration.ofHours(6));
        assertThat(SourceSchedule.parse("30m").orElseThrow().interval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(SourceSchedule.parse("1d").orElseThrow().interval()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void cron_with_five_or_six_fields_and_macros() {
        assertThat(SourceSchedule.parse("0 */6 * * *").orElseThrow().cron()).isNotNull();
        assertThat(SourceSchedule.parse("0 0 */6 * * *").orElseThrow().cron()).isNotNull();
        assertThat(SourceSchedule.parse("@daily").orElseThrow().cron()).isNotNull();
    }

    @Test
    void nonsense_and_too_frequent_schedules_are_refused_with_a_hint() {
        assertThatThrownBy(() -> SourceSchedule.parse("every now and then")).hasMessageContaining("PT6H");
        assertThatThrownBy(() -> SourceSchedule.parse("10s")).hasMessageContaining("once a minute");
        assertThatThrownBy(() -> SourceSchedule.parse("P1X")).hasMessageContaining("ISO-8601");
    }
}
