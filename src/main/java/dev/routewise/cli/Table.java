package dev.routewise.cli;

import picocli.CommandLine.Help.Ansi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text table for people: columns as wide as their widest cell, numbers right-aligned. Widths
 * are measured on the plain text, colour is added after padding, so columns line up with or
 * without ANSI codes.
 */
final class Table {

    /** A cell's text and an optional picocli style list such as {@code "fg(green)"} or {@code "bold,red"}. */
    record Cell(String text, String style) {
        Cell {
            text = text == null ? "" : text;
        }

        static Cell of(Object value) {
            return value instanceof Cell c ? c : new Cell(value == null ? "" : value.toString(), null);
        }
    }

    private final List<String> headers;
    private final boolean[] right;
    private final List<List<Cell>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
        this.right = new boolean[headers.length];
    }

    /** Right-aligns these columns (numbers, money, percentages). */
    Table right(int... columns) {
        for (int c : columns) {
            right[c] = true;
        }
        return this;
    }

    Table add(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("Expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(Cell::of).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render(Ansi ansi) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<Cell> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).text().length());
            }
        }
        StringBuilder text = new StringBuilder();
        List<Cell> header = headers.stream().map(h -> new Cell(h, "bold")).toList();
        line(text, header, widths, ansi);
        for (List<Cell> row : rows) {
            line(text, row, widths, ansi);
        }
        return text.toString();
    }

    private void line(StringBuilder text, List<Cell> cells, int[] widths, Ansi ansi) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            Cell cell = cells.get(c);
            boolean last = c == cells.size() - 1;
            String padded = pad(cell.text(), widths[c], right[c], last);
            line.append(Styles.apply(ansi, padded, cell.style()));
            if (!last) {
                line.append("  ");
            }
        }
        text.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }

    private static String pad(String value, int width, boolean right, boolean last) {
        String spaces = " ".repeat(width - value.length());
        if (right) {
            return spaces + value;
        }
        return last ? value : value + spaces;
    }
}
