/**
 * `<sweep-chart>`: lines of exact figures over the points of a what-if, drawn in SVG. Positions
 * come from the printed figures read digit by digit into integers of fen (decimal-text.ts) —
 * pixels only; every figure a person reads (axis, tooltip) is the engine's own text. Pointing at
 * the plot, at an x-axis label, or pressing ← → on the focused chart shows the exact figures of
 * that point in a tooltip.
 */
import { LitElement, html, css, svg, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { fromScaled, toScaled } from './decimal-text.js';
import { groupThousands, isNegativeText } from './format.js';
import { shared } from './styles.js';

/** One line of the chart: a party's figure at every point (undefined where the point failed). */
export interface ChartSeries {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  readonly values: readonly (string | undefined)[];
}

const W = 640;
const H = 250;
const PAD = { left: 96, right: 16, top: 12, bottom: 30 };

/** 1, 2 or 5 × a power of ten: the smallest at least `target` (fen). */
function niceStep(target: bigint): bigint {
  const t = target < 1n ? 1n : target;
  const power = 10n ** BigInt(t.toString().length - 1);
  for (const m of [1n, 2n, 5n, 10n]) if (m * power >= t) return m * power;
  return 10n * power;
}

const floorTo = (v: bigint, step: bigint): bigint => (v >= 0n ? (v / step) * step : -((-v + step - 1n) / step) * step);
const ceilTo = (v: bigint, step: bigint): bigint => -floorTo(-v, step);

export class SweepChart extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        position: relative;
      }
      svg {
        width: 100%;
        height: auto;
        display: block;
        outline: none;
      }
      svg:focus-visible {
        outline: 2px solid var(--focus, #2f80ed);
      }
      .axis text {
        font-size: 11px;
        fill: var(--muted, #5b6b7c);
        font-family: var(--mono, ui-monospace, Menlo, Consolas, monospace);
      }
      .grid {
        stroke: #e3e8ee;
      }
      .zero {
        stroke: #9aa8b6;
      }
      .x-label {
        cursor: pointer;
      }
      .x-label.on {
        fill: var(--ink, #1d2733);
        font-weight: 600;
      }
      .guide {
        stroke: #9aa8b6;
        stroke-dasharray: 3 3;
      }
      [role='tooltip'] {
        position: absolute;
        top: 6px;
        background: #fff;
        border: 1px solid #cfd8e3;
        border-radius: 4px;
        box-shadow: 0 2px 8px rgba(0, 0, 0, 0.12);
        padding: 6px 8px;
        pointer-events: none;
        font-size: 12px;
        white-space: nowrap;
      }
      [role='tooltip'] td {
        border: none;
        padding: 0 4px;
      }
      .swatch {
        display: inline-block;
        width: 10px;
        height: 3px;
        vertical-align: middle;
        margin-right: 4px;
      }
    `,
  ];

  @property({ attribute: false }) xs: readonly string[] = [];
  @property({ attribute: false }) series: readonly ChartSeries[] = [];
  /** Lines shown in the tooltip above the series (e.g. the scaled spending of each point). */
  @property({ attribute: false }) notes: readonly string[] = [];
  /** The chart's accessible name. */
  @property() label = '';
  @state() private index: number | undefined;

  private x(i: number): number {
    const n = Math.max(1, this.xs.length - 1);
    return PAD.left + (i * (W - PAD.left - PAD.right)) / n;
  }

  private pick(clientX: number): void {
    const box = this.renderRoot.querySelector('svg')?.getBoundingClientRect();
    if (!box || this.xs.length === 0) return;
    const at = ((clientX - box.left) / box.width) * W;
    let best = 0;
    this.xs.forEach((_, i) => {
      if (Math.abs(this.x(i) - at) < Math.abs(this.x(best) - at)) best = i;
    });
    this.index = best;
  }

  private keys(e: KeyboardEvent): void {
    if (this.xs.length === 0) return;
    const i = this.index ?? -1;
    if (e.key === 'ArrowRight') this.index = Math.min(this.xs.length - 1, i + 1);
    else if (e.key === 'ArrowLeft') this.index = Math.max(0, i < 0 ? 0 : i - 1);
    else if (e.key === 'Escape') this.index = undefined;
    else return;
    e.preventDefault();
  }

  protected override render(): unknown {
    const scaled = this.series.map((s) => s.values.map((v) => (v === undefined ? undefined : toScaled(v, 2))));
    const all = scaled.flat().filter((v): v is bigint => v !== undefined);
    if (this.xs.length === 0 || all.length === 0) return nothing;
    const lo = all.reduce((a, b) => (b < a ? b : a), 0n);
    const hi = all.reduce((a, b) => (b > a ? b : a), 0n);
    const step = niceStep((hi - lo) / 5n);
    const bottom = floorTo(lo, step);
    const top = ceilTo(hi, step) === bottom ? bottom + step : ceilTo(hi, step);
    const span = top - bottom;
    const y = (v: bigint): number => PAD.top + Number(((top - v) * BigInt((H - PAD.top - PAD.bottom) * 1000)) / span) / 1000;
    const ticks: bigint[] = [];
    for (let t = bottom; t <= top; t += step) ticks.push(t);
    const tickText = (t: bigint): string => groupThousands(fromScaled(t, 2)).replace(/\.00$/, '');
    const i = this.index;
    return html`
      <svg
        viewBox="0 0 ${W} ${H}"
        role="img"
        aria-label=${this.label}
        tabindex="0"
        @pointermove=${(e: PointerEvent) => this.pick(e.clientX)}
        @pointerleave=${() => (this.index = undefined)}
        @keydown=${(e: KeyboardEvent) => this.keys(e)}
      >
        <g class="axis">
          ${ticks.map(
            (t) => svg`<line class=${t === 0n ? 'zero' : 'grid'} x1=${PAD.left} x2=${W - PAD.right} y1=${y(t)} y2=${y(t)}></line>
              <text x=${PAD.left - 6} y=${y(t) + 4} text-anchor="end">${tickText(t)}</text>`,
          )}
          ${this.xs.map(
            (label, k) => svg`<text class="x-label ${k === i ? 'on' : ''}" x=${this.x(k)} y=${H - 10} text-anchor="middle" @pointerenter=${() => (this.index = k)}>${label}</text>`,
          )}
        </g>
        ${i !== undefined ? svg`<line class="guide" x1=${this.x(i)} x2=${this.x(i)} y1=${PAD.top} y2=${H - PAD.bottom}></line>` : nothing}
        ${this.series.map((s, k) => {
          const pts = (scaled[k] ?? []).flatMap((v, j) => (v === undefined ? [] : [`${this.x(j)},${y(v)}`]));
          return svg`<polyline fill="none" stroke=${s.color} stroke-width="2" points=${pts.join(' ')}></polyline>
            ${(scaled[k] ?? []).map((v, j) => (v === undefined ? nothing : svg`<circle cx=${this.x(j)} cy=${y(v)} r=${j === i ? 4 : 2.5} fill=${s.color}></circle>`))}`;
        })}
      </svg>
      ${i !== undefined ? this.tooltip(i) : nothing}
    `;
  }

  private tooltip(i: number): unknown {
    const left = this.x(i) / W;
    // Beside the guide line, on the side with more room.
    const side = left > 0.5 ? `right: ${((1 - left) * 100 + 1).toFixed(1)}%` : `left: ${(left * 100 + 1).toFixed(1)}%`;
    return html`<div role="tooltip" style=${side}>
      <strong>${this.xs[i]}</strong>
      ${this.notes[i] ? html`<div class="muted">${this.notes[i]}</div>` : nothing}
      <table>
        ${this.series.map((s) => {
          const v = s.values[i];
          return html`<tr>
            <td><span class="swatch" style="background:${s.color}"></span>${s.label}</td>
            <td class="num ${v !== undefined && isNegativeText(v) ? 'negative' : ''}">${v === undefined ? '—' : groupThousands(v)}</td>
          </tr>`;
        })}
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sweep-chart': SweepChart;
  }
}
