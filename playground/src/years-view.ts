/**
 * `<years-view>`: a rule with `carry` settled over several years. The scenario (each year's
 * inputs) is edited as text; a table gives every figure year by year and what each year carries
 * into the next, a chart the main money figures, and a figure clicked reads as its sentence for
 * that year. The table exports as CSV with every year.
 */
import { LitElement, html, css, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toCsv } from 'yibao-settle';
import { download } from './export.js';
import { formatPrinted, printedKind } from './format.js';
import { t, type Locale } from './i18n.js';
import { labelOf, type Labels } from './labels.js';
import { shared } from './styles.js';
import type { SettleController } from './worker-client.js';

/** The scenario's new text, when it is edited: the page keeps it. */
export class ScenarioChangedEvent extends Event {
  constructor(readonly text: string) {
    super('scenario-changed', { bubbles: true, composed: true });
  }
}

const COLOURS = ['#2d6cdf', '#e08a1e', '#2e7d32', '#8e44ad'];

export class YearsView extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        padding: 8px 12px;
      }
      textarea {
        width: 100%;
        min-height: 8em;
        font: 12px/1.4 monospace;
        box-sizing: border-box;
      }
      table {
        width: 100%;
      }
      td.num button {
        font: inherit;
        background: none;
        border: none;
        color: inherit;
        cursor: pointer;
        padding: 0;
      }
      .sentence {
        margin: 8px 0;
        padding: 8px 10px;
        background: #f3f7fb;
        border-left: 3px solid #2d6cdf;
        overflow-wrap: anywhere;
      }
      .bar {
        display: flex;
        gap: 8px;
        align-items: center;
        margin: 6px 0;
        flex-wrap: wrap;
      }
      .key span {
        margin-right: 12px;
      }
    `,
  ];

  @property({ attribute: false }) engine: SettleController | undefined;
  /** The engine's newest scenario answer (a property, so that its arrival redraws the view). */
  @property({ attribute: false }) simulated: SettleController['simulated'];
  @property({ attribute: false }) labels: Labels = new Map();
  @property() ruleText = '';
  @property() ruleFile = 'rules.json';
  @property() scenarioText = '';
  @property() scenarioFile = 'scenario.json';
  @property() locale: Locale = 'zh';
  @state() private picked: { year: number; name: string } | undefined;
  private asked = '';

  private answer(): SettleController['simulated'] {
    const s = this.simulated;
    return s && s.rule.text === this.ruleText && s.scenario.text === this.scenarioText ? s : undefined;
  }

  protected override updated(): void {
    if (this.scenarioText === '' || this.answer() || !this.engine) return;
    const asked = `${this.ruleText}\u0000${this.scenarioText}`;
    if (asked === this.asked) return;
    this.asked = asked;
    this.engine.simulate({ file: this.ruleFile, text: this.ruleText }, { file: this.scenarioFile, text: this.scenarioText });
  }

  protected override render(): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    if (!/"carry"\s*:/.test(this.ruleText)) return html`<p class="muted">${L('yearsNoCarry')}</p>`;
    const a = this.answer();
    return html`
      <label>${L('yearsScenario')}
        <textarea spellcheck="false" .value=${this.scenarioText} @change=${(e: Event) => this.dispatchEvent(new ScenarioChangedEvent((e.target as HTMLTextAreaElement).value))}></textarea>
      </label>
      ${!a ? html`<p class="muted">${this.scenarioText === '' ? L('yearsNoScenario') : L('computing')}</p>` : a.years ? this.renderYears(a) : html`<ul class="bad">${a.issues.map((i) => html`<li>${i.code}: ${i.message[this.locale]}</li>`)}</ul>`}
    `;
  }

  private renderYears(a: NonNullable<SettleController['simulated']>): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const years = a.years ?? [];
    const names = Object.keys(years[0]?.settlement.values ?? {});
    const carriedNames = [...new Set(years.flatMap((y) => Object.keys(y.carried)))];
    const sentence = this.picked ? a.words[this.picked.year]?.[this.picked.name]?.[this.locale] : undefined;
    return html`
      <div class="bar">
        <strong>${years.length} ${L('yearsCount')}</strong>
        <button @click=${() => this.download(names, carriedNames)}>${L('yearsExport')}</button>
      </div>
      ${this.renderChart(names)}
      ${sentence ? html`<p class="sentence" data-testid="year-words">${years[this.picked?.year ?? 0]?.label}：${sentence}</p>` : nothing}
      <table aria-label=${L('yearsTable')}>
        <thead>
          <tr><th>${L('resultName')}</th>${years.map((y) => html`<th class="num">${y.label}</th>`)}</tr>
        </thead>
        <tbody>
          ${names.map(
            (n) => html`<tr>
              <td>${labelOf(this.labels, n, this.locale)} <span class="muted mono">${n}</span></td>
              ${years.map((y, k) => html`<td class="num"><button @click=${() => (this.picked = { year: k, name: n })} aria-label="${y.label} ${n}">${formatPrinted(y.settlement.values[n] ?? '')}</button></td>`)}
            </tr>`,
          )}
          ${carriedNames.map(
            (n) => html`<tr>
              <td>${L('yearsCarried')} <span class="mono">${n}</span></td>
              ${years.map((y) => html`<td class="num">${y.carried[n] !== undefined ? formatPrinted(y.carried[n] ?? '') : '—'}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }

  /** Grouped bars of the first money figures, year by year, with a colour key. */
  private renderChart(names: readonly string[]): unknown {
    const years = this.answer()?.years ?? [];
    const money = names.filter((n) => printedKind(years[0]?.settlement.values[n] ?? '') === 'money').slice(0, 4);
    if (money.length === 0 || years.length === 0) return nothing;
    const value = (y: number, n: string): number => Math.abs(Number(years[y]?.settlement.values[n] ?? 0));
    const max = Math.max(1, ...years.flatMap((_, y) => money.map((n) => value(y, n))));
    const W = 560;
    const H = 140;
    const group = W / years.length;
    const bar = (group - 20) / money.length;
    return html`<svg viewBox="0 0 ${W} ${H + 20}" width="100%" role="img" aria-label=${t(this.locale, 'yearsChart')}>
        ${years.map((y, k) =>
          money.map((n, j) => {
            const h = (value(k, n) / max) * H;
            return svg`<rect x=${k * group + 10 + j * bar} y=${H - h} width=${bar - 2} height=${h} fill=${COLOURS[j] ?? '#999'}><title>${y.label} ${n}: ${formatPrinted(y.settlement.values[n] ?? '')}</title></rect>`;
          }),
        )}
        ${years.map((y, k) => svg`<text x=${k * group + group / 2} y=${H + 14} text-anchor="middle" font-size="11">${y.label}</text>`)}
      </svg>
      <div class="key small">${money.map((n, j) => html`<span><span style="color:${COLOURS[j] ?? '#999'}">■</span> ${labelOf(this.labels, n, this.locale)}</span>`)}</div>`;
  }

  private download(names: readonly string[], carried: readonly string[]): void {
    const years = this.answer()?.years ?? [];
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const rows = [
      [L('resultName'), ...years.map((y) => y.label)],
      ...names.map((n) => [n, ...years.map((y) => y.settlement.values[n] ?? '')]),
      ...carried.map((n) => [`${L('yearsCarried')} ${n}`, ...years.map((y) => y.carried[n] ?? '')]),
    ];
    // The CSV goes out with a byte-order mark (download adds it), so Excel reads the Chinese labels.
    download(`${this.ruleFile.replace(/^.*\//, '').replace(/\.json$/, '')}-years.csv`, toCsv(rows), 'text/csv');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'years-view': YearsView;
  }
  interface HTMLElementEventMap {
    'scenario-changed': ScenarioChangedEvent;
  }
}
