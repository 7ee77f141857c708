package dev.routewise.spend;

import java.util.List;

/** One page of alerts, newest first, with how many there are in all (open ones only, when asked for those). */
public record AlertPage(List<Alert> items, long total, long offset, int limit) {

    public AlertPage {
        items = List.copyOf(items);
    }
}
