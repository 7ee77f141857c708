package dev.routewise.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class TableTest {

    private static final String ESC = "\u001B[";

    private static Table models() {
        return new Table("MODEL", "TIER", "PRICE").right(2)
                .add("openai/gpt-4o-mini", Styles.tier("low"), "0.15")
                .add("anthropic/claude-opus-4", Styles.tier("high"), "15.00")
                .add("local/llama", Styles.tier(null), "0");
    }

    @Test
    void columns_are_as_wide_as_their_widest_cell_and_numbers_are_right_aligned() {
        String[] lines = models().render(Ansi.OFF).split(System.lineSeparator());

        assertThat(lines).containsExactly(
                "MODEL                    TIER  PRICE",
                "openai/gpt-4o-mini       low    0.15",
                "anthropic/claude-opus-4  high  15.00",
                "local/llama              -         0");
    }

    @Test
    void without_colour_there_are_no_escape_codes() {
        assertThat(models().render(Ansi.OFF)).doesNotContain(ESC);
    }

    @Test
    void with_colour_tiers_are_green_yellow_red_and_columns_still_line_up() {
        String coloured = models().render(Ansi.ON);

        assertThat(coloured).contains(ESC + "32mlow").contains(ESC + "31mhigh").contains(ESC + "1mMODEL");
        assertThat(coloured.replaceAll("\u001B\\[[0-9;]*m", "")).isEqualTo(models().render(Ansi.OFF));
        assertThat(Styles.apply(Ansi.ON, "medium", Styles.tierStyle("medium"))).startsWith(ESC + "33m");
    }

    @Test
    void text_that_would_break_the_colour_markup_is_left_plain() {
        assertThat(Styles.apply(Ansi.ON, "odd|@name", "bold")).isEqualTo("odd|@name");
    }

    @Test
    void dollar_amounts_keep_the_decimals_small_amounts_need() {
        assertThat(Styles.usd(new BigDecimal("12.5"))).isEqualTo("$12.50");
        assertThat(Styles.usd(new BigDecimal("0.0123"))).isEqualTo("$0.0123");
        assertThat(Styles.usd(new BigDecimal("0.000015"))).isEqualTo("$0.000015");
        assertThat(Styles.usd(BigDecimal.ZERO)).isEqualTo("$0.00");
        assertThat(Styles.usd(null)).isEqualTo("-");
    }

    @Test
    void a_row_with_the_wrong_number_of_cells_is_a_programming_error() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Table("A", "B").add("only one"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void answers_of_unknown_shape_become_tables_of_their_scalar_fields() {
        var rows = RoutewiseApi.JSON.readTree("[{\"model\":\"openai/gpt-4o\",\"costUsd\":1.25,\"costTier\":\"medium\","
                + "\"tags\":[\"x\"]},{\"model\":\"openai/o3\",\"costUsd\":12.5,\"costTier\":null}]");

        String[] lines = Generic.table(rows).render(Ansi.OFF).split(System.lineSeparator());

        assertThat(lines).containsExactly(
                "MODEL          COST USD  COST TIER",
                "openai/gpt-4o      1.25  medium",
                "openai/o3          12.5  -");
    }
}
