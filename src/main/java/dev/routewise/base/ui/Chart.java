package dev.routewise.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A chart for the console, drawn in the browser by Chart.js (MIT; Vaadin Charts is commercial) through the
 * {@code <rw-chart>} web component in {@code frontend/components/rw-chart.ts}. Everything the chart shows travels
 * as one JSON property, {@code data}, so the server decides the figures and browserless tests read exactly what the
 * browser draws ({@link #data()}). Generic on purpose: new charts need only Java, not a new frontend bundle.
 */
@Tag("rw-chart")
@NpmPackage(value = "chart.js", version = "4.6.1")
@JsModule("./components/rw-chart.ts")
public class Chart extends Component implements HasSize, HasStyle {

    /** How the series are drawn. */
    public enum Kind {
        LINE, BAR, STACKED_BAR, HORIZONTAL_BAR,
        /** The first series' values as slices, one per label. */
        DOUGHNUT;

        String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How values read on the axis and in tooltips. */
    public enum Format {
        USD, COUNT, MS,
        /** Values are fractions: 0.25 reads as 25 %. */
        PERCENT;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One named line, set of bars or ring of slices.
     *
     * @param color null for the next colour of the palette; else a CSS custom property ({@code --lumo-error-color})
     *              or a CSS colour
     */
    public record Series(String name, List<? extends Number> values, String color) {

        public Series {
            Objects.requireNonNull(name);
            values = List.copyOf(values);
        }

        public Series(String name, List<? extends Number> values) {
            this(name, values, null);
        }
    }

    /**
     * What the chart shows, as sent to the browser.
     *
     * @param empty the text shown instead of the chart while every value is zero or there are no labels
     */
    public record Data(String kind, String format, List<String> labels, List<Series> series, String empty) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Kind kind;
    private final Format format;
    private final String empty;
    private Data data;

    /** @param empty what the chart says while there is nothing to draw, e.g. "No gateway calls in this period" */
    public Chart(Kind kind, Format format, String empty) {
        this.kind = Objects.requireNonNull(kind);
        this.format = Objects.requireNonNull(format);
        this.empty = empty;
        addClassName("rw-chart");
        show(List.of(), List.of());
    }

    /** Replaces what the chart shows; each series has one value per label. */
    public void show(List<String> labels, List<Series> series) {
        for (Series s : series) {
            if (s.values().size() != labels.size()) {
                throw new IllegalArgumentException("Series '" + s.name() + "' has " + s.values().size()
                        + " values for " + labels.size() + " labels");
            }
        }
        data = new Data(kind.wire(), format.wire(), List.copyOf(labels), List.copyOf(series), empty);
        getElement().setProperty("data", JSON.writeValueAsString(data));
    }

    /** What the chart shows now. */
    public Data data() {
        return data;
    }
}
