/**
 * `<fund-flow>`: the settlement's ledger as a Sankey diagram in plain SVG — from the fund
 * through reserves and the package to county, town, finance and hospital. Ribbons are
 * focusable; Enter or a click selects the figure the transfer moves.
 */
import { LitElement, html, svg, css } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FigureSelectedEvent } from './events.js';
import { fromScaled } from './decimal-text.js';
import { groupThousands } from './format.js';
import { t, type Locale } from './i18n.js';
import { labelOf, type Labels } from './labels.js';
import { layoutSankey, type SankeyLink, type SankeyNode } from './sankey.js';
import { shared } from './styles.js';
import type { Settlement } from 'yibao-settle';

const PALETTE = ['#2f6db5', '#3b9c6e', '#c9852b', '#8b5cb8', '#c0504d', '#4a9fb5', '#7a8a3c', '#b5577f'];
const ROLE = {
  returned: { zh: (a: string) => `${a}（返还）`, en: (a: string) => `${a} (returned)` },
  kept: { zh: (a: string) => `留在${a}`, en: (a: string) => `kept by ${a}` },
} as const;

export class FundFlow extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        padding: 8px 12px;
      }
      h3 {
        font-size: 13px;
        margin: 0 0 6px;
        font-weight: 600;
      }
      svg {
        width: 100%;
        height: auto;
        overflow: visible;
      }
      .link {
        fill-opacity: 0.32;
        cursor: pointer;
      }
      .link:hover,
      .link:focus {
        fill-opacity: 0.6;
        outline: none;
      }
      text {
        font-size: 11px;
        fill: #1d2733;
        paint-order: stroke;
        stroke: #fff;
        stroke-width: 3px;
        stroke-linejoin: round;
      }
      text.amount {
        fill: #5b6b7c;
        font-family: var(--mono, ui-monospace, Menlo, Consolas, monospace);
      }
    `,
  ];

  @property({ attribute: false }) settlement: Settlement | undefined;
  @property({ attribute: false }) labels: Labels = new Map();
  @property() locale: Locale = 'zh';
  /** The drawing's width in CSS pixels, kept equal to the element's, so text stays 11px. */
  @state() private width = 600;
  private readonly resize = new ResizeObserver(([entry]) => {
    const w = entry?.contentRect.width ?? 0;
    if (w > 0 && w !== this.width) this.width = w;
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
  }

  protected override render(): unknown {
    const s = this.settlement;
    if (!s) return html`<p class="empty">${t(this.locale, 'noResult')}</p>`;
    if (s.ledger.length === 0) return html`<p class="empty">${t(this.locale, 'noLedger')}</p>`;
    // Room for labels left of the first column and right of the last.
    const margin = 130;
    const layout = layoutSankey(s.ledger, Math.max(this.width - 24 - margin * 2, 200), 300);
    const colour = new Map<string, string>();
    layout.nodes.forEach((n, i) => colour.set(n.account, colour.get(n.account) ?? PALETTE[i % PALETTE.length] ?? '#888'));
    const lastColumn = Math.max(...layout.nodes.map((n) => n.column));
    const name = (n: SankeyNode): string => {
      const account = labelOf(this.labels, n.account, this.locale);
      return n.role === 'account' ? account : ROLE[n.role][this.locale](account);
    };
    const money = (fen: bigint): string => groupThousands(fromScaled(fen, 2));
    const viewBox = `${-margin} -8 ${layout.width + margin * 2} ${layout.height + 16n}`;
    return html`<h3>${t(this.locale, 'flowTitle')}</h3>
      <svg viewBox=${viewBox} role="img" aria-label=${t(this.locale, 'flowTitle')} data-testid="sankey">
        ${layout.links.map((l) => this.renderLink(l, colour.get(layout.nodes.find((n) => n.id === l.from)?.account ?? '') ?? '#888', money))}
        ${layout.nodes.map((n) => {
          const right = n.column === lastColumn && lastColumn > 0;
          const x = right ? n.x + layout.nodeWidth + 4 : n.x - 4;
          const anchor = right ? 'start' : 'end';
          const mid = n.y + n.height / 2n;
          return svg`<g data-node=${n.id}>
            <rect x=${n.x} y=${`${n.y}`} width=${layout.nodeWidth} height=${`${n.height}`} fill=${colour.get(n.account) ?? '#888'}>
              <title>${name(n)}: ${money(n.fen)}</title>
            </rect>
            <text x=${x} y=${`${mid}`} dy="-0.1em" text-anchor=${anchor}>${clip(name(n))}</text>
            <text class="amount" x=${x} y=${`${mid}`} dy="1.05em" text-anchor=${anchor}>${money(n.fen)}</text>
          </g>`;
        })}
      </svg>`;
  }

  private renderLink(l: SankeyLink, stroke: string, money: (fen: bigint) => string): unknown {
    // A filled band between two cubic curves: a wide stroke would pinch where the curve bends.
    const xm = (l.x0 + l.x1) / 2;
    const [s0, t0] = [l.sourceTop, l.targetTop];
    const [s1, t1] = [l.sourceTop + l.thickness, l.targetTop + l.thickness];
    const d = `M${l.x0},${s0} C${xm},${s0} ${xm},${t0} ${l.x1},${t0} L${l.x1},${t1} C${xm},${t1} ${xm},${s1} ${l.x0},${s1} Z`;
    const label = `${labelOf(this.labels, l.from, this.locale)} → ${labelOf(this.labels, l.to.replace(/[\u21a9\u2193]$/, ''), this.locale)}: ${money(l.fen)}`;
    const select = (): void => {
      const value = l.values[0];
      if (value !== undefined) this.dispatchEvent(new FigureSelectedEvent(value));
    };
    return svg`<path class="link" d=${d} fill=${stroke} tabindex="0" role="button"
      aria-label=${label} data-from=${l.from} data-to=${l.to}
      @click=${select} @keydown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && select()}>
      <title>${label} (${l.values.join(', ')})</title>
    </path>`;
  }
}

/** Labels beside the diagram get the margin's width; the full name is in the node's title. */
function clip(label: string): string {
  const chars = [...label];
  return chars.length > 13 ? `${chars.slice(0, 12).join('')}…` : label;
}

declare global {
  interface HTMLElementTagNameMap {
    'fund-flow': FundFlow;
  }
}
