package dev.routewise.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events from a provider's stream one at a time (the HTML living standard's rules, minus
 * {@code id} and {@code retry}, which providers do not use here): {@code event:} and {@code data:} lines up to a
 * blank line; several data lines are joined with newlines; comments ({@code :}) are skipped.
 */
final class SseReader {

    /** One event; {@code event} is null when the provider named none. */
    record Event(String event, String data) {
    }

    private final BufferedReader in;

    SseReader(InputStream in) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 8192);
    }

    /** The next event, or null at the end of the stream. */
    Event next() throws IOException {
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(event, data.toString());
                }
                event = null;
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + (colon + 1 < line.length()
                    && line.charAt(colon + 1) == ' ' ? 2 : 1));
            if (field.equals("data")) {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            } else if (field.equals("event")) {
                event = value;
            }
        }
        return data == null ? null : new Event(event, data.toString());
    }
}
