/**
 * `<trace-panel>`: one figure explained — formula, inputs with their values, exact value,
 * rounding, the note, and the line of the rule (or input) it comes from. Each input is a button
 * that follows the trace down to that input's own figure, until the source values.
 */
import { LitElement, html, css, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FigureSelectedEvent, RevealInputEvent, RevealParameterEvent, RevealSourceEvent } from './events.js';
import { formatFigure, formatPrinted, isNegativeText, printedKind } from './format.js';
import { inLocale, t, type Locale } from './i18n.js';
import { labelOf, type Labels } from './labels.js';
import { shared } from './styles.js';
import { summedRows, type SummedRows } from './trace-rows.js';

import { numberRuns, type Figure, type Settlement } from 'yibao-settle';

const SOURCE_TEXT = {
  input: { zh: '输入数据', en: 'input' },
  parameter: { zh: '规则参数', en: 'parameter' },
  compute: { zh: '计算', en: 'computed' },
  decide: { zh: '条件判断', en: 'decision' },
  split: { zh: '分配', en: 'split' },
  waterfall: { zh: '顺序抵扣', en: 'waterfall' },
  tiers: { zh: '分段', en: 'tiers' },
  total: { zh: '合计', en: 'total' },
} as const;

export class TracePanel extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        padding: 8px 12px;
        overflow: auto;
      }
      header {
        display: flex;
        align-items: baseline;
        gap: 8px;
        flex-wrap: wrap;
      }
      h2 {
        font-size: 14px;
        margin: 0;
      }
      .value {
        font-size: 18px;
        font-weight: 600;
        margin-left: auto;
      }
      dl {
        display: grid;
        /* minmax: a 100-digit exact value wraps instead of pushing the inputs off the panel. */
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 4px 12px;
        margin: 8px 0;
      }
      dt {
        color: var(--muted, #5b6b7c);
      }
      .sentence {
        margin: 8px 0;
        padding: 8px 10px;
        background: var(--panel-accent, #f3f7fb);
        border-left: 3px solid var(--accent, #2d6cdf);
        line-height: 1.6;
        overflow-wrap: anywhere;
      }
      dd {
        margin: 0;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .formula {
        background: #f6f8fa;
        border: 1px solid var(--rule, #e3e8ee);
        padding: 3px 6px;
        border-radius: 4px;
        white-space: pre-wrap;
        word-break: break-word;
      }
      .tools {
        display: flex;
        gap: 6px;
      }
      .tools button {
        border: 1px solid var(--rule, #cfd8e3);
        background: #fff;
        border-radius: 4px;
        padding: 1px 8px;
        cursor: pointer;
      }
      .chip {
        font-size: 11px;
        border: 1px solid var(--rule, #cfd8e3);
        border-radius: 8px;
        padding: 0 6px;
      }
    `,
  ];

  @property({ attribute: false }) settlement: Settlement | undefined;
  @property({ attribute: false }) labels: Labels = new Map();
  @property() locale: Locale = 'zh';
  @property() selected: string | undefined;
  /** Figures as sentences with their values filled in (from the worker), by name. */
  @property({ attribute: false }) words: Readonly<Record<string, { readonly zh: string; readonly en: string }>> = {};
  @property() ruleFile = 'rules.json';
  @property() inputFile = 'input.json';
  /** The texts the figures come from: a sum over a table opens its rows from the input. */
  @property() ruleText = '';
  @property() inputText = '';
  /** The page of an aggregate's rows shown (50 rows a page). */
  @state() private rowsPage = 0;

  /** Figures visited by following inputs, for the Back button. */
  @state() private history: string[] = [];

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('selected')) this.rowsPage = 0;
    if (changed.has('settlement') && this.selected === undefined) this.history = [];
  }

  protected override render(): unknown {
    const name = this.selected;
    if (name === undefined) return html`<p class="muted">${t(this.locale, 'traceHint')}</p>`;
    const figure = this.settlement?.figures[name];
    const printed = this.settlement?.values[name] ?? figure?.value;
    const kind = figure?.kind ?? 'number';
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    return html`
      <header>
        <h2 id="trace-title">${t(this.locale, 'trace')}：${labelOf(this.labels, name, this.locale)}</h2>
        <span class="mono muted">${name}</span>
        ${figure ? html`<span class="chip">${SOURCE_TEXT[figure.source][this.locale]}</span>` : nothing}
        <span class="value num ${printed !== undefined && isNegativeText(printed) ? 'negative' : ''}" data-testid="trace-value"
          >${printed !== undefined ? formatFigure(printed, kind) : '—'}</span
        >
      </header>
      <div class="tools">
        ${this.history.length > 0 ? html`<button @click=${this.back}>← ${L('back')}</button>` : nothing}
        <button @click=${() => this.dispatchEvent(new FigureSelectedEvent(undefined))} aria-label=${L('close')}>✕ ${L('close')}</button>
      </div>
      ${figure ? this.renderFigure(figure) : html`<p class="muted">${L('noTrace')}</p>`}
    `;
  }

  private renderFigure(figure: Figure): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const fromInput = figure.source === 'input';
    const file = fromInput ? this.inputFile : this.ruleFile;
    const inputs = Object.entries(figure.inputs);
    const sentence = this.words[figure.name]?.[this.locale];
    return html`${sentence ? html`<p class="sentence" data-testid="trace-words">${sentence}</p>` : nothing}
      ${summedRows(figure.formula, this.inputText, this.ruleText).map((sum) => this.renderRows(sum))}
      <dl>
      ${figure.formula !== ''
        ? html`<dt>${L('formula')}</dt>
            <dd><code class="formula mono" data-testid="trace-formula">${figure.formula}</code></dd>`
        : nothing}
      ${inputs.length > 0
        ? html`<dt>${L('inputs')}</dt>
            <dd>
              <table data-testid="trace-inputs">
                ${inputs.map(([input, value]) => {
                  const inputKind = this.settlement?.figures[input]?.kind ?? printedKind(value);
                  const known = this.settlement?.figures[input] !== undefined;
                  return html`<tr>
                    <td>
                      ${known
                        ? html`<button class="link" data-input=${input} @click=${() => this.follow(input)}>
                            ${labelOf(this.labels, input, this.locale)} <span class="mono muted">${input}</span>
                          </button>`
                        : html`${labelOf(this.labels, input, this.locale)} <span class="mono muted">${input}</span>`}
                    </td>
                    <td class="num ${isNegativeText(value) ? 'negative' : ''}">${formatFigure(value, inputKind)}</td>
                  </tr>`;
                })}
              </table>
            </dd>`
        : nothing}
      ${figure.exact !== undefined
        ? html`<dt>${L('exact')}</dt>
            <dd class="mono" data-testid="trace-exact">${figure.exact}</dd>`
        : nothing}
      ${figure.rounding
        ? html`<dt>${L('rounding')}</dt>
            <dd class="mono">${figure.rounding.mode}, ${figure.rounding.places}</dd>`
        : nothing}
      ${figure.rows !== undefined && figure.rows.length > 0
        ? html`<dt>${L('rowsTaken')}</dt>
            ${figure.rows.map((u) => html`<dd data-testid="trace-rows-taken">${u.function}(${labelOf(this.labels, u.table, this.locale)})：${u.count} / ${u.of}${u.numbers.length > 0 ? html` · <span class="mono">${numberRuns(u.numbers, u.count)}</span>` : nothing}</dd>`)}`
        : nothing}
      ${figure.note !== undefined && figure.note !== ''
        ? html`<dt>${L('note')}</dt>
            <dd>${inLocale(figure.note, this.locale)}</dd>`
        : nothing}
      <dt>${fromInput ? L('inputLine') : L('ruleLine')}</dt>
      <dd>
        ${figure.at
          ? html`<button
              class="link mono"
              data-testid="trace-location"
              title=${L('revealInEditor')}
              @click=${() => this.reveal(figure)}
            >
              ${file}:${figure.at.line}:${figure.at.column}
            </button>`
          : html`<span class="mono">${file}</span>`}
        <span class="mono muted">${figure.pointer}</span>
        ${figure.source === 'parameter'
          ? html`<button class="link" @click=${() => this.dispatchEvent(new RevealParameterEvent(figure.name))}>${L('traceOpenParameter')}</button>`
          : nothing}
        ${figure.source === 'input' && !/^\[\d+ rows\]$/.test(figure.value)
          ? html`<button class="link" @click=${() => this.dispatchEvent(new RevealInputEvent({ path: figure.name.split('.') }))}>${L('traceOpenInput')}</button>`
          : nothing}
        ${figure.source !== 'input' && figure.source !== 'parameter' && figure.name.includes('.')
          ? html`<button class="link" @click=${() => this.dispatchEvent(new RevealInputEvent({ rowKey: figure.name.slice(figure.name.indexOf('.') + 1) }))}>${L('traceOpenRow')} ${figure.name.slice(figure.name.indexOf('.') + 1)}</button>`
          : nothing}
      </dd>
    </dl>`;
  }

  /** The rows a sum adds up, 50 a page, with the total worked out from them. */
  private renderRows(sum: SummedRows): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const per = 50;
    const pages = Math.max(1, Math.ceil(sum.rows.length / per));
    const page = Math.min(this.rowsPage, pages - 1);
    const name = `${labelOf(this.labels, sum.table, this.locale)} · ${sum.column}`;
    return html`<section class="rows">
      <h3>${name}：${sum.rows.length} ${L('traceRows')}${sum.total !== undefined ? html`，${L('traceSubtotal')} <span class="mono">${formatFigure(sum.total, 'money')}</span>` : nothing}</h3>
      <table aria-label=${`${L('traceRowsOf')} ${name}`}>
        <tbody>
          ${sum.rows.slice(page * per, page * per + per).map(([key, value]) => html`<tr><td class="mono">${key}</td><td class="num">${formatPrinted(value)}</td></tr>`)}
        </tbody>
      </table>
      ${pages > 1
        ? html`<div class="tools">
            <button ?disabled=${page === 0} @click=${() => (this.rowsPage = page - 1)}>${L('tracePrevRows')}</button>
            <span class="muted">${page + 1} / ${pages}</span>
            <button ?disabled=${page === pages - 1} @click=${() => (this.rowsPage = page + 1)}>${L('traceNextRows')}</button>
          </div>`
        : nothing}
    </section>`;
  }

  private follow(input: string): void {
    if (this.selected !== undefined) this.history = [...this.history, this.selected];
    this.dispatchEvent(new FigureSelectedEvent(input));
  }

  private back(): void {
    const previous = this.history.at(-1);
    this.history = this.history.slice(0, -1);
    if (previous !== undefined) this.dispatchEvent(new FigureSelectedEvent(previous));
  }

  private reveal(figure: Figure): void {
    if (!figure.at) return;
    this.dispatchEvent(new RevealSourceEvent(figure.source === 'input' ? 'input' : 'rule', figure.at.line, figure.at.column));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'trace-panel': TracePanel;
  }
}
