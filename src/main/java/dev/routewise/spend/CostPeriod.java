package dev.routewise.spend;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The calendar days a cost report covers, both ends included, in {@code routewise.spend.time-zone}.
 *
 * @param name day (today), week (the last 7 days), month (this calendar month) or custom (explicit dates)
 */
public record CostPeriod(String name, LocalDate from, LocalDate to) {

    public CostPeriod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a period ends on or after its first day");
        }
    }
}
