package dev.routewise.base;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void plain_fields_are_written_as_they_are_and_rows_end_with_crlf() {
        assertThat(Csv.row(List.of("a", "openai/gpt-4o", "0.0123"))).isEqualTo("a,openai/gpt-4o,0.0123\r\n");
    }

    @Test
    void fields_with_commas_quotes_or_line_breaks_are_quoted_and_their_quotes_doubled() {
        assertThat(Csv.field("team a, team b")).isEqualTo("\"team a, team b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    @Test
    void missing_values_are_empty_fields() {
        assertThat(Csv.row(Arrays.asList("x", null, "y"))).isEqualTo("x,,y\r\n");
    }
}
