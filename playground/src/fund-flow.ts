/**
 * `<fund-flow>`: the settlement's ledger as a Sankey diagram in plain SVG — from the fund
 * through reserves and the package to county, town, finance and hospital — with a colour key
 * that names every node and its amount. Labels are sized before the layout, so none overlaps or
 * is cut off; an account paying many members shows its largest ten and "其他 k 家", which opens
 * a list of the rest. Ribbons are focusable; Enter or a click selects the figure moved.
 */
import { LitElement, html, svg, css, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FigureSelectedEvent } from './events.js';
import { fromScaled } from './decimal-text.js';
import { groupThousands } from './format.js';
import { t, type Locale } from './i18n.js';
import { labelOf, type Labels } from './labels.js';
import { KEEP_RECIPIENTS, layoutSankey, type LabelSize, type SankeyLayout, type SankeyLink, type SankeyNode } from './sankey.js';
import { shared } from './styles.js';
import type { Settlement } from 'yibao-settle';

const PALETTE = ['#2f6db5', '#3b9c6e', '#c9852b', '#8b5cb8', '#c0504d', '#4a9fb5', '#7a8a3c', '#b5577f', '#5d6d7e', '#d4a017'];
const ROLE = {
  returned: { zh: (a: string) => `${a}（返还）`, en: (a: string) => `${a} (returned)` },
  kept: { zh: (a: string) => `留在${a}`, en: (a: string) => `kept by ${a}` },
} as const;
/** Widest label line in pixels before it wraps (about 15 Chinese characters at 11px). */
const LINE_WIDTH = 168;
const MAX_LINES = 3;
/** Rows of the "others" list shown at a time. */
const OTHERS_PAGE = 50;

/** A 2D canvas context that measures 11px text in the page's font (made on first use). */
let measurer: CanvasRenderingContext2D | null | undefined;
/** The page's sans-serif and monospace fonts at 11px, read once. */
let fonts: [string, string] = ['11px sans-serif', '11px monospace'];

/**
 * The width of 11px text in pixels: measured in the page's font where a canvas can, else
 * estimated (CJK and full-width characters are square, others about 0.6em), a little generously.
 */
function textWidth(s: string, mono = false): number {
  if (measurer === undefined) {
    measurer = document.createElement('canvas').getContext('2d');
    const style = getComputedStyle(document.documentElement);
    fonts = [`11px ${style.getPropertyValue('--font') || 'sans-serif'}`, `11px ${style.getPropertyValue('--mono') || 'monospace'}`];
  }
  if (measurer) {
    measurer.font = fonts[mono ? 1 : 0];
    return Math.ceil(measurer.measureText(s).width) + 1;
  }
  let w = 0;
  for (const ch of s) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 11.5 : 6.8;
  return w;
}

/** A label broken into lines of at most LINE_WIDTH pixels (at most MAX_LINES, the last one ending in …). */
export function wrapLabel(label: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of label) {
    if (textWidth(line + ch) > LINE_WIDTH && line !== '') {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line !== '') lines.push(line);
  if (lines.length <= MAX_LINES) return lines;
  const kept = lines.slice(0, MAX_LINES);
  kept[MAX_LINES - 1] = `${[...(kept[MAX_LINES - 1] ?? '')].slice(0, -1).join('')}…`;
  return kept;
}

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
      .scroll {
        overflow-x: auto;
      }
      svg {
        display: block;
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
        fill: #44505d;
        font-family: var(--mono, ui-monospace, Menlo, Consolas, monospace);
      }
      g.others {
        cursor: pointer;
      }
      g.others text:first-of-type {
        text-decoration: underline;
      }
      g.others:focus {
        outline: none;
      }
      g.others:focus rect {
        stroke: #1d2733;
        stroke-width: 2px;
      }
      .key {
        list-style: none;
        margin: 8px 0 0;
        padding: 0;
        columns: 16em auto;
        column-gap: 16px;
        font-size: 12px;
      }
      .key li {
        break-inside: avoid;
        display: flex;
        gap: 6px;
        align-items: baseline;
        padding: 1px 0;
      }
      .swatch {
        flex: 0 0 auto;
        width: 10px;
        height: 10px;
        border-radius: 2px;
        transform: translateY(1px);
      }
      .key .num {
        margin-left: auto;
      }
      .hint {
        font-size: 12px;
        margin: 4px 0 0;
      }
      .others-list {
        margin-top: 10px;
        border-top: 1px solid var(--rule, #e3e8ee);
      }
      .pager {
        display: flex;
        gap: 8px;
        align-items: center;
        padding: 4px 0;
      }
    `,
  ];

  @property({ attribute: false }) settlement: Settlement | undefined;
  @property({ attribute: false }) labels: Labels = new Map();
  @property() locale: Locale = 'zh';
  /** The drawing's width to fill in CSS pixels, kept equal to the element's, so text stays 11px. */
  @state() private width = 600;
  /** The `others` node whose members are listed, and the first one shown. */
  @state() private open: { id: string; start: number } | undefined;
  private readonly resize = new ResizeObserver(([entry]) => {
    const w = Math.floor(entry?.contentRect.width ?? 0);
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

  protected override updated(changed: Map<string, unknown>): void {
    // A list just opened: bring it into view below the diagram.
    if (changed.has('open') && this.open && changed.get('open') === undefined) {
      this.renderRoot.querySelector('.others-list')?.scrollIntoView({ block: 'nearest' });
    }
  }

  private name(n: Pick<SankeyNode, 'account' | 'role'>, others: number): string {
    const account = labelOf(this.labels, n.account, this.locale);
    if (n.role === 'others') return t(this.locale, 'flowOthers').replace('{n}', groupThousands(String(others)));
    return n.role === 'account' ? account : ROLE[n.role][this.locale](account);
  }

  private money(fen: bigint): string {
    return groupThousands(fromScaled(fen, 2));
  }

  private labelSize = (n: Pick<SankeyNode, 'account' | 'role' | 'fen'>, others: number): LabelSize => {
    const lines = wrapLabel(this.name(n, others));
    return { width: Math.max(...lines.map((l) => textWidth(l)), textWidth(this.money(n.fen), true)) + 6, lines: lines.length + 1 };
  };

  protected override render(): unknown {
    const s = this.settlement;
    if (!s) return html`<p class="empty">${t(this.locale, 'noResult')}</p>`;
    if (s.ledger.length === 0) return html`<p class="empty">${t(this.locale, 'noLedger')}</p>`;
    const layout = layoutSankey(s.ledger, { width: Math.max(this.width, 320), height: 300, labelSize: this.labelSize });
    const colour = this.colours(layout);
    const fill = (n: SankeyNode | undefined): string => (n ? (colour.get(n.id) ?? '#888') : '#888');
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    return html`<h3>${t(this.locale, 'flowTitle')}</h3>
      <div class="scroll">
        <svg width=${layout.width} height=${`${layout.height + 16n}`} viewBox=${`0 -8 ${layout.width} ${layout.height + 16n}`} role="img" aria-label=${t(this.locale, 'flowTitle')} data-testid="sankey">
          ${layout.links.map((l) => this.renderLink(l, fill(byId.get(l.from)), byId))}
          ${layout.nodes.map((n) => this.renderNode(n, layout, fill(n)))}
        </svg>
      </div>
      ${layout.groups.size > 0 && !this.open ? html`<p class="hint muted">${t(this.locale, 'flowShowOthers')}</p>` : nothing}
      ${this.renderKey(layout, fill)} ${this.renderOthers(layout)}`;
  }

  /** One colour per account; the final recipients of an account that pays many share its colour. */
  private colours(layout: SankeyLayout): Map<string, string> {
    const colour = new Map<string, string>();
    const byAccount = new Map<string, string>();
    const outgoing = new Map<string, number>();
    for (const l of layout.links) outgoing.set(l.from, (outgoing.get(l.from) ?? 0) + 1);
    const payer = new Map(layout.links.map((l) => [l.to, l.from]));
    for (const n of layout.nodes) {
      const from = payer.get(n.id);
      const shared = n.role === 'others' || (from !== undefined && (outgoing.get(from) ?? 0) > 4 && !outgoing.has(n.id));
      const key = shared && from !== undefined ? from : n.account;
      if (!byAccount.has(key)) byAccount.set(key, PALETTE[byAccount.size % PALETTE.length] ?? '#888');
      colour.set(n.id, byAccount.get(key) ?? '#888');
    }
    return colour;
  }

  private renderNode(n: SankeyNode, layout: SankeyLayout, fill: string): unknown {
    const others = layout.groups.get(n.id)?.length ?? 0;
    const name = this.name(n, others);
    const lines = wrapLabel(name);
    const left = layout.labelSide(n) === 'left';
    const x = left ? n.x - 5 : n.x + layout.nodeWidth + 5;
    const anchor = left ? 'end' : 'start';
    // The label's lines and amount, centred on the node.
    const top = Number(n.y) + Number(n.height) / 2 - ((lines.length + 1) * 14) / 2 + 11;
    const toggle = (): void => {
      this.open = this.open?.id === n.id ? undefined : { id: n.id, start: 0 };
    };
    const body = svg`<rect x=${n.x} y=${`${n.y}`} width=${layout.nodeWidth} height=${`${n.height}`} fill=${fill}>
        <title>${name}: ${this.money(n.fen)}</title>
      </rect>
      ${lines.map((line, i) => svg`<text x=${x} y=${top + i * 14} text-anchor=${anchor}>${line}</text>`)}
      <text class="amount" x=${x} y=${top + lines.length * 14} text-anchor=${anchor}>${this.money(n.fen)}</text>`;
    if (n.role !== 'others') return svg`<g data-node=${n.id}>${body}</g>`;
    return svg`<g class="others" data-node=${n.id} tabindex="0" role="button" aria-expanded=${this.open?.id === n.id ? 'true' : 'false'}
      aria-label=${`${name}: ${this.money(n.fen)}`} @click=${toggle} @keydown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), toggle())}>${body}</g>`;
  }

  private renderLink(l: SankeyLink, stroke: string, byId: ReadonlyMap<string, SankeyNode>): unknown {
    // A filled band between two cubic curves: a wide stroke would pinch where the curve bends.
    const xm = (l.x0 + l.x1) / 2;
    const [s0, t0] = [l.sourceTop, l.targetTop];
    const [s1, t1] = [l.sourceTop + l.thickness, l.targetTop + l.thickness];
    const d = `M${l.x0},${s0} C${xm},${s0} ${xm},${t0} ${l.x1},${t0} L${l.x1},${t1} C${xm},${t1} ${xm},${s1} ${l.x0},${s1} Z`;
    const target = byId.get(l.to);
    const label = `${labelOf(this.labels, l.from, this.locale)} → ${target ? this.name(target, 0) : l.to}: ${this.money(l.fen)}`;
    const select = (): void => {
      const value = l.values[0];
      if (value !== undefined) this.dispatchEvent(new FigureSelectedEvent(value));
    };
    return svg`<path class="link" d=${d} fill=${stroke} tabindex="0" role="button"
      aria-label=${label} data-from=${l.from} data-to=${l.to}
      @click=${select} @keydown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && select()}>
      <title>${label}${l.values.length > 0 ? ` (${l.values.join(', ')})` : ''}</title>
    </path>`;
  }

  private renderKey(layout: SankeyLayout, fill: (n: SankeyNode) => string): unknown {
    const nodes = [...layout.nodes].sort((a, b) => a.column - b.column);
    return html`<ul class="key" aria-label=${t(this.locale, 'flowKey')}>
      ${nodes.map(
        (n) => html`<li data-node=${n.id}>
          <span class="swatch" style=${`background:${fill(n)}`}></span>
          <span>${this.name(n, layout.groups.get(n.id)?.length ?? 0)}</span>
          <span class="num">${this.money(n.fen)}</span>
        </li>`,
      )}
    </ul>`;
  }

  private renderOthers(layout: SankeyLayout): unknown {
    const open = this.open;
    const members = open ? layout.groups.get(open.id) : undefined;
    if (!open || !members) return nothing;
    const payer = labelOf(this.labels, open.id.slice(0, -1), this.locale);
    const end = Math.min(members.length, open.start + OTHERS_PAGE);
    const go = (start: number): void => {
      this.open = { id: open.id, start };
    };
    return html`<section class="others-list" aria-label=${t(this.locale, 'flowOthersOf').replace('{payer}', payer).replace('{n}', groupThousands(String(members.length)))}>
      <h3>${t(this.locale, 'flowOthersOf').replace('{payer}', payer).replace('{n}', groupThousands(String(members.length)))}</h3>
      <table>
        <thead>
          <tr>
            <th class="num">${t(this.locale, 'flowRank')}</th>
            <th>${t(this.locale, 'to')}</th>
            <th class="num">${t(this.locale, 'amount')}</th>
          </tr>
        </thead>
        <tbody>
          ${members.slice(open.start, end).map(
            (m, i) => html`<tr>
              <td class="num">${open.start + i + KEEP_RECIPIENTS + 1}</td>
              <td>
                <button class="link" @click=${() => m.values[0] !== undefined && this.dispatchEvent(new FigureSelectedEvent(m.values[0]))}>${labelOf(this.labels, m.account, this.locale)}</button>
              </td>
              <td class="num">${this.money(m.fen)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <div class="pager">
        <button ?disabled=${open.start === 0} @click=${() => go(Math.max(0, open.start - OTHERS_PAGE))}>‹ ${t(this.locale, 'gridPrevious')}</button>
        <span>${t(this.locale, 'gridRows').replace('{from}', String(open.start + 1)).replace('{to}', String(end)).replace('{total}', groupThousands(String(members.length)))}</span>
        <button ?disabled=${end >= members.length} @click=${() => go(end)}>${t(this.locale, 'gridNext')} ›</button>
        <button @click=${() => (this.open = undefined)}>${t(this.locale, 'flowHideOthers')}</button>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fund-flow': FundFlow;
  }
}
