package dev.routewise.base;

import java.util.List;

/**
 * RFC 4180 CSV: CRLF line ends; a field with a comma, a quote or a line break is quoted, its quotes doubled. Shared
 * by the exports (decision log, cost reports) so every file quotes the same way.
 */
public final class Csv {

    private Csv() {
    }

    public static String row(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(fields.get(i)));
        }
        return line.append("\r\n").toString();
    }

    public static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
