/*
 * <rw-chart>: a Chart.js chart drawn from one JSON property, so the server decides everything it shows and
 * browserless tests can read the same JSON. Written by dev.routewise.base.ui.Chart; see docs/decisions/0009-charts.md.
 *
 * data = {
 *   kind:   "line" | "bar" | "stacked-bar" | "horizontal-bar" | "doughnut",
 *   format: "usd" | "count" | "ms" | "percent"   (percent values are fractions: 0.25 shows as 25 %),
 *   labels: ["..."],                              (the x axis, or the doughnut's slices)
 *   series: [{ name: "...", values: [1, 2], color: "--lumo-error-color" | "#hex" | null }],
 *   empty:  "text shown instead of the chart when there is nothing to draw"
 * }
 * Colours come from CSS custom properties (--rw-chart-1 ... --rw-chart-8, Lumo's text and contrast colours), read
 * when the chart is drawn, so the chart follows the console's theme.
 */
import { LitElement, html, css, PropertyValues } from 'lit';
import { Chart, registerables, ChartConfiguration, ChartType } from 'chart.js';

Chart.register(...registerables);

type Kind = 'line' | 'bar' | 'stacked-bar' | 'horizontal-bar' | 'doughnut';
type Format = 'usd' | 'count' | 'ms' | 'percent';

interface Series {
  name: string;
  values: number[];
  color?: string | null;
}

interface ChartData {
  kind: Kind;
  format: Format;
  labels: string[];
  series: Series[];
  empty?: string | null;
}

const FALLBACK_PALETTE = ['#2f6fed', '#1aa179', '#e8a33d', '#d6455d', '#7b61ff', '#2aa5c9', '#9a6b4f', '#6b7a90'];

export class RwChart extends LitElement {
  static properties = {
    data: { type: String }
  };

  static styles = css`
    :host {
      display: block;
      position: relative;
      height: 16rem;
      min-width: 0;
    }
    .frame {
      position: relative;
      width: 100%;
      height: 100%;
    }
    .empty {
      display: flex;
      align-items: center;
      justify-content: center;
      height: 100%;
      text-align: center;
      color: var(--lumo-secondary-text-color);
      font-size: var(--lumo-font-size-s);
      padding: 0 var(--lumo-space-m);
      box-sizing: border-box;
    }
    [hidden] {
      display: none !important;
    }
  `;

  // declared, not initialised as a class field: a field would shadow Lit's reactive accessor
  declare data: string;
  private chart: Chart | null = null;
  private parsed: ChartData | null = null;

  constructor() {
    super();
    this.data = '';
  }

  render() {
    const empty = this.isEmpty();
    return html`
      <div class="frame" ?hidden=${empty}><canvas></canvas></div>
      <div class="empty" ?hidden=${!empty}>${this.parsed?.empty ?? ''}</div>
    `;
  }

  protected willUpdate(changed: PropertyValues) {
    if (changed.has('data')) {
      this.parsed = this.data ? (JSON.parse(this.data) as ChartData) : null;
    }
  }

  protected updated() {
    this.draw();
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.hasUpdated) {
      this.draw();
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = null;
  }

  private isEmpty(): boolean {
    const d = this.parsed;
    if (!d || d.labels.length === 0 || d.series.length === 0) {
      return true;
    }
    return d.series.every(s => s.values.every(v => !v));
  }

  /** Updates the chart in place when only the figures changed (live refresh without flicker), else rebuilds it. */
  private draw() {
    const canvas = this.renderRoot.querySelector('canvas');
    const d = this.parsed;
    if (!canvas || !d || this.isEmpty()) {
      this.chart?.destroy();
      this.chart = null;
      return;
    }
    const config = this.config(d);
    if (this.chart && (this.chart.config as { type: string }).type === config.type
        && (this.chart.options as { indexAxis?: string }).indexAxis === config.options?.indexAxis) {
      this.chart.data = config.data;
      this.chart.options = config.options ?? {};
      this.chart.update('none');
      return;
    }
    this.chart?.destroy();
    this.chart = new Chart(canvas, config);
  }

  /**
   * A custom property's colour as rgba(): Lumo defines some colours with color-mix() or other CSS forms that a
   * canvas does not understand, so the browser resolves the value on a probe element and a 1x1 canvas turns the
   * result into plain numbers.
   */
  private css(name: string, fallback: string): string {
    if (!getComputedStyle(this).getPropertyValue(name).trim()) {
      return fallback;
    }
    const probe = document.createElement('span');
    probe.style.display = 'none';
    probe.style.color = `var(${name})`;
    this.renderRoot.appendChild(probe);
    const computed = getComputedStyle(probe).color;
    probe.remove();
    const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    if (!ctx || !computed) {
      return fallback;
    }
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = fallback;
    ctx.fillStyle = computed;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return `rgba(${r}, ${g}, ${b}, ${Math.round((a / 255) * 1000) / 1000})`;
  }

  private font(): string {
    return getComputedStyle(this).getPropertyValue('--lumo-font-family').trim() || 'system-ui, sans-serif';
  }

  private color(series: Series, index: number): string {
    if (series.color) {
      return series.color.startsWith('--') ? this.css(series.color, FALLBACK_PALETTE[index % 8]) : series.color;
    }
    return this.palette(index);
  }

  private palette(index: number): string {
    return this.css(`--rw-chart-${(index % 8) + 1}`, FALLBACK_PALETTE[index % 8]);
  }

  private config(d: ChartData): ChartConfiguration {
    const text = this.css('--lumo-secondary-text-color', '#5f6b7a');
    const grid = this.css('--lumo-contrast-10pct', 'rgba(0,0,0,0.08)');
    const font = { family: this.font(), size: 12 };
    const fmt = (v: number) => format(d.format, v);
    const legend = {
      display: d.kind === 'doughnut' || d.series.length > 1,
      position: 'bottom' as const,
      labels: { color: text, font, boxWidth: 12, boxHeight: 12 }
    };

    if (d.kind === 'doughnut') {
      const s = d.series[0];
      const doughnut: ChartConfiguration<'doughnut'> = {
        type: 'doughnut',
        data: {
          labels: d.labels,
          datasets: [{
            label: s.name,
            data: s.values,
            backgroundColor: d.labels.map((_, i) => this.palette(i)),
            borderColor: this.css('--lumo-base-color', '#fff'),
            borderWidth: 2
          }]
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          cutout: '60%',
          plugins: {
            legend,
            tooltip: {
              callbacks: {
                label: ctx => {
                  const total = (ctx.dataset.data as number[]).reduce((a, b) => a + (b || 0), 0);
                  const v = ctx.parsed as number;
                  const share = total ? ` (${Math.round((v / total) * 100)} %)` : '';
                  return ` ${fmt(v)}${share}`;
                }
              }
            }
          }
        }
      };
      return doughnut as unknown as ChartConfiguration;
    }

    const type: ChartType = d.kind === 'line' ? 'line' : 'bar';
    const stacked = d.kind === 'stacked-bar';
    const horizontal = d.kind === 'horizontal-bar';
    const valueAxis = {
      beginAtZero: true,
      stacked,
      grid: { color: grid },
      border: { display: false },
      ticks: { color: text, font, callback: (v: string | number) => fmt(Number(v)), maxTicksLimit: 6 }
    };
    const categoryAxis = {
      stacked,
      grid: { display: false },
      ticks: {
        color: text, font, autoSkip: true, maxRotation: 0, autoSkipPadding: 12,
        // long model ids keep their distinctive end; the tooltip shows them whole
        callback(this: { getLabelForValue(v: number): string }, v: string | number) {
          const label = this.getLabelForValue(Number(v));
          return label.length > 24 ? '…' + label.slice(-23) : label;
        }
      }
    };
    return {
      type,
      data: {
        labels: d.labels,
        datasets: d.series.map((s, i) => {
          const c = this.color(s, i);
          return {
            label: s.name,
            data: s.values,
            borderColor: c,
            backgroundColor: type === 'line' ? withAlpha(c, 0.12) : c,
            fill: type === 'line',
            tension: 0.25,
            pointRadius: 0,
            pointHoverRadius: 4,
            borderWidth: type === 'line' ? 2 : 0,
            borderRadius: type === 'bar' ? 3 : 0,
            maxBarThickness: 28
          };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: horizontal ? 'y' : 'x',
        interaction: { mode: 'index', intersect: false },
        scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
        plugins: {
          legend,
          tooltip: { callbacks: { label: ctx => ` ${ctx.dataset.label}: ${fmt((horizontal ? ctx.parsed.x : ctx.parsed.y) ?? 0)}` } }
        }
      }
    } as ChartConfiguration;
  }
}

function format(kind: Format, v: number): string {
  if (v === null || v === undefined || Number.isNaN(v)) {
    return '';
  }
  switch (kind) {
    case 'usd': {
      const digits = v !== 0 && Math.abs(v) < 0.01 ? 6 : 2;
      return '$' + v.toLocaleString('en-US', { minimumFractionDigits: digits > 2 ? 0 : 2, maximumFractionDigits: digits });
    }
    case 'ms':
      return Math.abs(v) >= 10_000 ? `${(v / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s`
        : `${Math.round(v).toLocaleString('en-US')} ms`;
    case 'percent':
      return `${(v * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })} %`;
    default:
      return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
}

/** A colour at some opacity, for the area under a line; CSS colours Chart.js cannot blend are left as they are. */
function withAlpha(color: string, alpha: number): string {
  const hex = color.match(/^#([0-9a-f]{6})$/i);
  if (hex) {
    const n = parseInt(hex[1], 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  const rgb = color.match(/^rgba?\(([^,]+),([^,]+),([^,)]+)/i);
  return rgb ? `rgba(${rgb[1].trim()}, ${rgb[2].trim()}, ${rgb[3].trim()}, ${alpha})` : color;
}

customElements.define('rw-chart', RwChart);

declare global {
  interface HTMLElementTagNameMap {
    'rw-chart': RwChart;
  }
}
