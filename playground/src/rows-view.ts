/**
 * `<rows-view>`: the 逐行结果 view — each table the rule computes columns for, a page of rows at a
 * time, with the columns the rule computed beside those read from the input (each DRG case's band
 * and points, whether each past case was kept within its fences). The worker settles once with the
 * rows and keeps them; a whole table downloads as CSV for Excel.
 */
import { LitElement, html, css, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { download } from './export.js';
import { cutDecimals, formatPrinted, printedKind } from './format.js';
import { t, type Locale } from './i18n.js';
import { ROWS_PER_PAGE, type RowColumn, type RowTableHead } from './row-tables.js';
import { shared } from './styles.js';
import type { SettleController } from './worker-client.js';

export class RowsView extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        padding: 8px 12px;
      }
      .controls {
        display: flex;
        gap: 12px;
        align-items: center;
        flex-wrap: wrap;
        margin: 6px 0 8px;
      }
      .scroll {
        overflow-x: auto;
      }
      th .name {
        display: block;
        font-weight: 400;
      }
      th.computed,
      td.computed {
        background: #f3f8ff;
      }
      .tag {
        font-size: 11px;
        color: #1565c0;
      }
    `,
  ];

  @property({ attribute: false }) engine: SettleController | undefined;
  /** The engine's newest page of rows (a property, so that its arrival redraws the view). */
  @property({ attribute: false }) rowed: SettleController['rowed'];
  @property() ruleText = '';
  @property() ruleFile = 'rules.json';
  @property() inputText = '';
  @property() inputFile = 'input.json';
  @property() locale: Locale = 'zh';
  @state() private table: string | undefined;
  @state() private from = 0;
  private asked = '';
  private csvAsked = '';

  private L(id: Parameters<typeof t>[1]): string {
    return t(this.locale, id);
  }

  /** The newest answer when it is for the texts on the page. */
  private answer(): SettleController['rowed'] {
    const r = this.rowed;
    return r && r.rule.text === this.ruleText && r.input.text === this.inputText ? r : undefined;
  }

  protected override updated(): void {
    const key = `${this.ruleText}\u0000${this.inputText}\u0000${this.table ?? ''}\u0000${this.from}`;
    const r = this.answer();
    const shown = r && (this.table === undefined || r.page?.table === this.table || r.heads.length === 0) && (r.page?.from ?? 0) === this.from;
    if (!shown && key !== this.asked && this.engine) {
      this.asked = key;
      this.engine.rows({ file: this.ruleFile, text: this.ruleText }, { file: this.inputFile, text: this.inputText }, this.table, this.from);
    }
    const csv = r?.csv;
    if (csv && this.csvAsked === `${csv.table}\u0000${this.ruleText}\u0000${this.inputText}`) {
      this.csvAsked = '';
      download(`${csv.table}-rows.csv`, csv.text, 'text/csv;charset=utf-8');
    }
  }

  private choose(table: string): void {
    this.table = table;
    this.from = 0;
  }

  private exportCsv(table: string): void {
    this.csvAsked = `${table}\u0000${this.ruleText}\u0000${this.inputText}`;
    this.engine?.rows({ file: this.ruleFile, text: this.ruleText }, { file: this.inputFile, text: this.inputText }, table, this.from, this.locale);
  }

  private columnHead(c: RowColumn): unknown {
    const label = c.label?.[this.locale];
    return html`<th class=${c.computed ? 'computed' : ''} scope="col">
      ${label ?? c.name}${c.computed ? html` <span class="tag">${this.L('rowsComputed')}</span>` : nothing}
      ${label ? html`<span class="name mono muted">${c.name}</span>` : nothing}
    </th>`;
  }

  private cell(value: string, computed: boolean): unknown {
    const cls = computed ? 'computed' : '';
    if (value === 'true' || value === 'false') return html`<td class=${cls}>${this.L(value === 'true' ? 'rowsYes' : 'rowsNo')}</td>`;
    if (!/^-?\d+(\.\d+)?$/.test(value)) return html`<td class=${cls}>${value}</td>`;
    const shown = printedKind(value) === 'money' ? formatPrinted(value) : cutDecimals(value);
    return html`<td class="num ${cls}" title=${shown === value ? nothing : value}>${shown}</td>`;
  }

  protected override render(): unknown {
    const r = this.answer();
    if (!r) return html`<p class="muted">${this.L('computing')}</p>`;
    if (r.issues.length > 0) return html`<p>${this.L('rowsRefused')}</p><ul>${r.issues.slice(0, 5).map((i) => html`<li>${i.message[this.locale]}</li>`)}</ul>`;
    if (r.heads.length === 0) return html`<p class="muted">${this.L('rowsNone')}</p>`;
    const head = r.heads.find((h) => h.name === (this.table ?? r.page?.table)) ?? (r.heads[0] as RowTableHead);
    const page = r.page?.table === head.name ? r.page : undefined;
    const first = (page?.from ?? 0) + 1;
    const last = (page?.from ?? 0) + (page?.rows.length ?? 0);
    const computed = head.columns.map((c) => c.computed);
    return html`
      <p class="muted">${this.L('rowsIntro')}</p>
      <div class="controls">
        <label>${this.L('rowsTable')}
          <select @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
            ${r.heads.map((h) => html`<option value=${h.name} ?selected=${h.name === head.name}>${h.label?.[this.locale] ?? h.name} (${h.name})</option>`)}
          </select>
        </label>
        <span>${this.locale === 'zh' ? `共 ${head.total} 行，第 ${first}–${last} 行` : `${head.total} rows; rows ${first}–${last}`}</span>
        <button ?disabled=${(page?.from ?? 0) === 0} @click=${() => (this.from = Math.max(0, (page?.from ?? 0) - ROWS_PER_PAGE))}>${this.L('rowsPrev')}</button>
        <button ?disabled=${last >= head.total} @click=${() => (this.from = (page?.from ?? 0) + ROWS_PER_PAGE)}>${this.L('rowsNext')}</button>
        <button @click=${() => this.exportCsv(head.name)}>${this.L('rowsCsv')}</button>
      </div>
      <div class="scroll">
        <table aria-label=${head.label?.[this.locale] ?? head.name}>
          <thead><tr><th scope="col">${this.L('rowsNumber')}</th>${head.columns.map((c) => this.columnHead(c))}</tr></thead>
          <tbody>
            ${(page?.rows ?? []).map((row, i) => html`<tr><td class="num muted">${first + i}</td>${row.map((v, k) => this.cell(v, computed[k] ?? false))}</tr>`)}
          </tbody>
        </table>
      </div>
    `;
  }
}
