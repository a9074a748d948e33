/**
 * `<input-grid>`: the lists of the input document (members, cases) as editable tables. Typing in
 * a cell, pasting a block from a spreadsheet, adding or deleting a row, and importing CSV/XLSX
 * all rewrite the input text (see input-tables.ts) and report it as TextEditedEvent; the JSON
 * text stays the single source of truth.
 */
import { LitElement, html, css, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { NoticeEvent, TextEditedEvent } from './events.js';
import { t, type Locale } from './i18n.js';
import { addRow, deleteRow, parseDelimited, pasteBlock, readTables, replaceRows, setCell, type InputTable } from './input-tables.js';
import { shared } from './styles.js';
import { VirtualRows } from './virtual-rows.js';
import { readXlsx, xlsxProblemText, type XlsxProblem } from './xlsx.js';

/** Rows per page; a longer list is shown a page at a time, and of a page only the rows in view. */
const PAGE_ROWS = 500;
/** A row's height when a page is drawn in part. */
const ROW_HEIGHT = 28;

export class InputGrid extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        --row-height: ${ROW_HEIGHT}px;
        display: block;
        overflow: auto;
        height: 100%;
      }
      .bar {
        display: flex;
        gap: 8px;
        align-items: center;
        padding: 6px 8px;
        flex-wrap: wrap;
        position: sticky;
        left: 0;
      }
      .bar select,
      .bar button {
        font: inherit;
      }
      td {
        padding: 0;
      }
      td input {
        border: none;
        width: 100%;
        min-width: 6em;
        box-sizing: border-box;
        padding: 3px 6px;
        font: inherit;
        background: transparent;
      }
      td input.num {
        text-align: right;
      }
      td input:focus {
        background: #eef5ff;
      }
      td.row {
        color: var(--muted, #5b6b7c);
        text-align: right;
        padding: 0 6px;
      }
      .del {
        border: none;
        background: none;
        cursor: pointer;
        color: var(--muted, #5b6b7c);
      }
      .hint {
        font-size: 12px;
      }
    `,
  ];

  @property({ attribute: false }) inputText = '';
  @property({ attribute: false }) ruleText = '';
  @property() locale: Locale = 'zh';
  @state() private tableName: string | undefined;
  /** First row drawn (a multiple of PAGE_ROWS). */
  @state() private start = 0;
  /** The last .xlsx file refused, and why (shown until the next import). */
  @state() private refused: { file: string; problem: XlsxProblem } | undefined;

  private readonly virtualRows = new VirtualRows(this, () => this.renderRoot.querySelector('tbody'), ROW_HEIGHT);

  override connectedCallback(): void {
    super.connectedCallback();
    // The grid scrolls itself; its long pages are drawn in part (virtual-rows.ts).
    this.setAttribute('data-scroller', '');
  }

  /** The tables of the last texts read: scrolling redraws often, the texts change seldom. */
  private read: { input: string; rule: string; tables: InputTable[] | undefined } | undefined;

  private tables(): InputTable[] | undefined {
    if (this.read?.input !== this.inputText || this.read.rule !== this.ruleText) {
      this.read = { input: this.inputText, rule: this.ruleText, tables: readTables(this.inputText, this.ruleText) };
    }
    return this.read.tables;
  }

  protected override render(): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const tables = this.tables();
    if (!tables) return html`<p class="empty">${L('gridInvalidJson')}</p>`;
    if (tables.length === 0) return html`<p class="empty">${L('gridNoTables')}</p>`;
    const table = tables.find((x) => x.name === this.tableName) ?? tables[0];
    if (!table) return nothing;
    // Rows deleted since: stay on the last page that still has rows.
    const start = Math.min(this.start, Math.max(0, Math.floor((table.rows.length - 1) / PAGE_ROWS) * PAGE_ROWS));
    const end = Math.min(table.rows.length, start + PAGE_ROWS);
    const w = this.virtualRows.window(end - start, table.columns.length + 2);
    return html`
      <div class="bar">
        <label
          >${L('gridTable')}
          <select
            @change=${(e: Event) => {
              this.tableName = (e.target as HTMLSelectElement).value;
              this.start = 0;
            }}
          >
            ${tables.map((x) => html`<option value=${x.name} ?selected=${x.name === table.name}>${x.name} (${x.rows.length})</option>`)}
          </select></label
        >
        <button @click=${() => this.emit(addRow(this.inputText, table))}>＋ ${L('gridAddRow')}</button>
        <label>
          <button @click=${(e: Event) => ((e.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click()}>
            ${L('gridImport')}
          </button>
          <input type="file" accept=".csv,.tsv,.txt,.xlsx" hidden @change=${(e: Event) => this.importFile(e, table)} />
        </label>
        <span class="hint muted">${L('gridPasteHint')}</span>
      </div>
      ${this.refused
        ? html`<p class="bad" role="alert" data-code=${this.refused.problem.code}>${this.refused.file}：${xlsxProblemText(this.refused.problem, this.locale)}</p>`
        : nothing}
      <table data-table=${table.name} class=${w.before !== '' || w.after !== '' ? 'virtual' : ''}>
        <thead>
          <tr>
            <th></th>
            ${table.columns.map((c) => html`<th title=${table.kinds[c] ?? ''}>${c}<span class="muted"> ${table.kinds[c] ?? ''}</span></th>`)}
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${w.before}
          ${table.rows.slice(start + w.start, start + w.end).map((row, i) => this.renderRow(table, row, start + w.start + i))}
          ${w.after}
        </tbody>
      </table>
      ${table.rows.length > PAGE_ROWS ? this.renderPager(table.rows.length, start, end) : nothing}
    `;
  }

  private renderPager(total: number, start: number, end: number): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    return html`<div class="bar" data-testid="pager">
      <button ?disabled=${start === 0} @click=${() => (this.start = Math.max(0, start - PAGE_ROWS))}>‹ ${L('gridPrevious')}</button>
      <span data-testid="page">${t(this.locale, 'gridRows').replace('{from}', String(start + 1)).replace('{to}', String(end)).replace('{total}', String(total))}</span>
      <button ?disabled=${end >= total} @click=${() => (this.start = start + PAGE_ROWS)}>${L('gridNext')} ›</button>
    </div>`;
  }

  private renderRow(table: InputTable, row: readonly string[], r: number): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    return html`<tr>
              <td class="row">${r + 1}</td>
              ${row.map(
                (cell, c) => html`<td>
                  <input
                    class=${table.numeric[c] || table.kinds[table.columns[c] ?? ''] === 'money' ? 'num mono' : ''}
                    .value=${live(cell)}
                    aria-label="${table.name}[${r + 1}].${table.columns[c]}"
                    data-row=${r}
                    data-column=${c}
                    @change=${(e: Event) => this.emit(setCell(this.inputText, table, r, c, (e.target as HTMLInputElement).value))}
                    @paste=${(e: ClipboardEvent) => this.paste(e, table, r, c)}
                  />
                </td>`,
              )}
              <td>
                <button class="del" title=${L('gridDeleteRow')} aria-label="${L('gridDeleteRow')} ${r + 1}" @click=${() => this.emit(deleteRow(this.inputText, table, r))}>✕</button>
              </td>
            </tr>`;
  }

  private emit(text: string): void {
    if (text !== this.inputText) this.dispatchEvent(new TextEditedEvent('input', text));
  }

  private paste(event: ClipboardEvent, table: InputTable, row: number, column: number): void {
    const pasted = event.clipboardData?.getData('text/plain') ?? '';
    if (!/[\t\n]/.test(pasted.replace(/\r?\n$/, ''))) return; // one value: the input handles it
    event.preventDefault();
    const block = parseDelimited(pasted.replace(/\r?\n$/, ''), pasted.includes('\t') ? '\t' : ',');
    this.emit(pasteBlock(this.inputText, table, row, column, block));
  }

  private async importFile(event: Event, table: InputTable): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const text = await this.importRows(file, table);
    if (text !== undefined) this.emit(text);
  }

  /** Replaces `table`'s rows with a CSV/TSV/XLSX file's; reports the outcome as a notice. */
  async importRows(file: File, table?: InputTable): Promise<string | undefined> {
    const target = table ?? this.tables()?.find((x) => x.name === this.tableName) ?? this.tables()?.[0];
    if (!target) return undefined;
    let rows: string[][];
    if (/\.xlsx$/i.test(file.name)) {
      const read = readXlsx(new Uint8Array(await file.arrayBuffer()));
      this.refused = read.ok ? undefined : { file: file.name, problem: read.problem };
      if (!read.ok) return undefined;
      rows = read.rows;
    } else rows = parseDelimited(await file.text(), /\.tsv$/i.test(file.name) ? '\t' : ',');
    const text = replaceRows(this.inputText, target, rows);
    this.dispatchEvent(new NoticeEvent(text === undefined ? t(this.locale, 'gridImportFailed') : `${t(this.locale, 'gridImported')}: ${rows.length - 1} (${target.name})`));
    return text;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'input-grid': InputGrid;
  }
}
