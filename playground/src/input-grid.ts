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
import { addRow, deleteRow, parseDelimited, pasteBlock, readTables, replaceRows, scalarText, setCell, setScalar, type InputTable } from './input-tables.js';
import { shared } from './styles.js';
import { VirtualRows } from './virtual-rows.js';
import { readXlsx, xlsxProblemText, type XlsxProblem } from './xlsx.js';
import { choiceLabel, displayCell, gridColumns, gridScalars, headerKeys, normalCell, type GridColumn, type GridScalar } from './grid-columns.js';
import { decodeCsvBytes, type Issue } from 'yibao-settle';

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
      .scalars {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(16em, 1fr));
        gap: 6px 16px;
        margin: 6px 8px;
        border: 1px solid var(--line, #d9e1ea);
        padding: 6px 10px 10px;
      }
      .scalars label {
        display: flex;
        flex-direction: column;
        gap: 2px;
        font-size: 13px;
      }
      .scalars input {
        font: inherit;
        padding: 3px 6px;
      }
      .scalars input.num {
        text-align: right;
      }
      .bad-cell input,
      td.bad-cell input {
        background: #fdecea;
        outline: 1px solid #c62828;
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
  /**
   * The input's problems from the last settlement: each is shown on its cell too. The page hands a
   * new list at every redraw (a worker's answer); only a list with other problems redraws the grid,
   * whose cells are bound live — a redraw would put the old value back into a cell being typed in.
   */
  @property({ attribute: false, hasChanged: (a: readonly Issue[], b: readonly Issue[] | undefined) => a.length !== (b?.length ?? -1) || a.some((x, i) => x !== b?.[i]) })
  problems: readonly Issue[] = [];
  /** Texts before each grid edit (undo) and after each undone one (redo). */
  private undoStack: string[] = [];
  private redoStack: string[] = [];
  /** The text this grid last wrote; any other change (the JSON editor) starts a new history. */
  private lastWritten: string | undefined;
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
    this.addEventListener('keydown', this.onKeydown);
  }

  /** The tables of the last texts read: scrolling redraws often, the texts change seldom. */
  private read: { input: string; rule: string; tables: InputTable[] | undefined } | undefined;

  private columnsRead: { rule: string; columns: Map<string, GridColumn[]>; scalars: GridScalar[] } | undefined;

  /** The declared columns of each table, read from the rule text once per text. */
  private columnsOf(table: string): GridColumn[] {
    return this.declared().columns.get(table) ?? [];
  }

  private declared(): { columns: Map<string, GridColumn[]>; scalars: GridScalar[] } {
    if (this.columnsRead?.rule !== this.ruleText) this.columnsRead = { rule: this.ruleText, columns: gridColumns(this.ruleText), scalars: gridScalars(this.ruleText) };
    return this.columnsRead;
  }

  /** The single inputs' texts of the last input text read (scrolling redraws often). */
  private scalarsRead: { input: string; values: Map<string, string> } | undefined;

  private scalarValue(path: readonly string[]): string {
    if (this.scalarsRead?.input !== this.inputText) this.scalarsRead = { input: this.inputText, values: new Map() };
    const key = path.join('\u0000');
    let v = this.scalarsRead.values.get(key);
    if (v === undefined) this.scalarsRead.values.set(key, (v = scalarText(this.inputText, path)));
    return v;
  }

  /** The single inputs (参保人数, 人均筹资标准 …) as a form above the tables. */
  private renderScalars(): unknown {
    const scalars = this.declared().scalars;
    if (scalars.length === 0) return nothing;
    return html`<fieldset class="scalars">
      <legend>${t(this.locale, 'gridScalars')}</legend>
      ${scalars.map((x) => {
        const problem = this.problems.find((i) => i.pointer === `/${x.path.join('/')}`);
        return html`<label class=${problem ? 'bad-cell' : ''}>
          <span>${x.label?.[this.locale] ?? x.name} <span class="muted mono">${x.name}</span></span>
          <input
            class=${x.kind === 'text' || x.kind === 'boolean' ? '' : 'num mono'}
            .value=${live(displayCell(this.scalarValue(x.path), x.kind))}
            aria-invalid=${problem ? 'true' : 'false'}
            title=${problem ? problem.message[this.locale] : ''}
            @change=${(e: Event) => this.emit(setScalar(this.inputText, x.path, x.kind, normalCell((e.target as HTMLInputElement).value, x).text))}
          />
        </label>`;
      })}
    </fieldset>`;
  }

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
    if (tables.length === 0) return html`${this.renderScalars()}<p class="empty">${L('gridNoTables')}</p>`;
    const table = tables.find((x) => x.name === this.tableName) ?? tables[0];
    if (!table) return nothing;
    // Rows deleted since: stay on the last page that still has rows.
    const start = Math.min(this.start, Math.max(0, Math.floor((table.rows.length - 1) / PAGE_ROWS) * PAGE_ROWS));
    const end = Math.min(table.rows.length, start + PAGE_ROWS);
    const w = this.virtualRows.window(end - start, table.columns.length + 2);
    return html`
      ${this.renderScalars()}
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
        <button @click=${() => this.undo()} ?disabled=${!this.canUndo()} title="Ctrl+Z">↶ ${L('gridUndo')}</button>
        <button @click=${() => this.redo()} ?disabled=${!this.canRedo()} title="Ctrl+Y">↷ ${L('gridRedo')}</button>
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
            ${table.columns.map((c) => {
              const label = this.columnsOf(table.name).find((x) => x.name === c)?.label?.[this.locale];
              return html`<th title=${table.kinds[c] ?? ''}>${label ?? c}<span class="muted mono"> ${label ? c : (table.kinds[c] ?? '')}</span></th>`;
            })}
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
              ${row.map((cell, c) => {
                const problem = this.cellProblem(table.name, r, table.columns[c] ?? '');
                return html`<td class=${problem ? 'bad-cell' : ''}>
                  <input
                    class=${table.numeric[c] || table.kinds[table.columns[c] ?? ''] === 'money' ? 'num mono' : ''}
                    .value=${live(displayCell(choiceLabel(cell, this.columnsOf(table.name).find((x) => x.name === table.columns[c]), this.locale), table.kinds[table.columns[c] ?? '']))}
                    aria-label="${table.name}[${r + 1}].${table.columns[c]}"
                    aria-invalid=${problem ? 'true' : 'false'}
                    title=${problem ? problem.message[this.locale] : ''}
                    data-row=${r}
                    data-column=${c}
                    @change=${(e: Event) => this.emit(setCell(this.inputText, table, r, c, this.cellFor(table, c, (e.target as HTMLInputElement).value)))}
                    @paste=${(e: ClipboardEvent) => this.paste(e, table, r, c)}
                  />
                </td>`;
              })}
              <td>
                <button class="del" title=${L('gridDeleteRow')} aria-label="${L('gridDeleteRow')} ${r + 1}" @click=${() => this.emit(deleteRow(this.inputText, table, r))}>✕</button>
              </td>
            </tr>`;
  }

  private emit(text: string): void {
    if (text === this.inputText) return;
    if (this.lastWritten !== this.inputText) {
      this.undoStack = [];
      this.redoStack = [];
    }
    this.undoStack.push(this.inputText);
    this.redoStack = [];
    this.write(text);
  }

  private write(text: string): void {
    this.lastWritten = text;
    this.dispatchEvent(new TextEditedEvent('input', text));
    this.requestUpdate();
  }

  private canUndo(): boolean {
    return this.lastWritten === this.inputText && this.undoStack.length > 0;
  }

  private canRedo(): boolean {
    return this.lastWritten === this.inputText && this.redoStack.length > 0;
  }

  /**
   * Shows an input: a single input's field in the form, or the row of a table whose first column
   * (its key) is `rowKey` — the table chosen, its page turned — and focuses it.
   */
  async reveal(target: { readonly path: readonly string[] } | { readonly rowKey: string }): Promise<void> {
    if ('path' in target) {
      await this.updateComplete;
      const i = this.declared().scalars.findIndex((x) => x.path.join('.') === target.path.join('.'));
      this.renderRoot.querySelectorAll<HTMLInputElement>('.scalars input')[i]?.focus();
      return;
    }
    const tables = this.tables() ?? [];
    const table = tables.find((x) => x.rows.some((r) => r[0] === target.rowKey));
    const row = table?.rows.findIndex((r) => r[0] === target.rowKey) ?? -1;
    if (!table || row < 0) return;
    this.tableName = table.name;
    this.start = Math.floor(row / PAGE_ROWS) * PAGE_ROWS;
    await this.updateComplete;
    const cell = this.renderRoot.querySelector<HTMLInputElement>(`input[data-row="${row}"][data-column="0"]`);
    cell?.scrollIntoView({ block: 'center' });
    cell?.focus();
  }

  /** Takes back the last grid edit (a cell, a paste, an import, a row added or deleted). */
  undo(): void {
    const previous = this.canUndo() ? this.undoStack.pop() : undefined;
    if (previous === undefined) return;
    this.redoStack.push(this.inputText);
    this.write(previous);
  }

  redo(): void {
    const next = this.canRedo() ? this.redoStack.pop() : undefined;
    if (next === undefined) return;
    this.undoStack.push(this.inputText);
    this.write(next);
  }

  private onKeydown = (e: KeyboardEvent): void => {
    if (!(e.ctrlKey || e.metaKey)) return;
    const key = e.key.toLowerCase();
    if (key === 'z' && !e.shiftKey && this.canUndo()) {
      e.preventDefault();
      this.undo();
    } else if ((key === 'y' || (key === 'z' && e.shiftKey)) && this.canRedo()) {
      e.preventDefault();
      this.redo();
    }
  };

  override disconnectedCallback(): void {
    this.removeEventListener('keydown', this.onKeydown);
    super.disconnectedCallback();
  }

  /** A typed or pasted cell as the engine reads it; text it refuses is kept as typed, and the engine says why. */
  private cellFor(table: InputTable, column: number, cell: string): string {
    const key = table.columns[column];
    return normalCell(cell, this.columnsOf(table.name).find((c) => c.name === key)).text;
  }

  /** The settlement's problem at a cell of the input, if any (pointer /table/row/column). */
  private cellProblem(table: string, row: number, column: string): Issue | undefined {
    const at = `/${table}/${row}/${column}`;
    return this.problems.find((i) => i.pointer === at);
  }

  private paste(event: ClipboardEvent, table: InputTable, row: number, column: number): void {
    const pasted = event.clipboardData?.getData('text/plain') ?? '';
    if (!/[\t\n]/.test(pasted.replace(/\r?\n$/, ''))) return; // one value: the input handles it
    event.preventDefault();
    const block = parseDelimited(pasted.replace(/\r?\n$/, ''), pasted.includes('\t') ? '\t' : ',');
    const keys = block[0] ? headerKeys(block[0], this.columnsOf(table.name), table.name) : undefined;
    if (keys) {
      // A block with its header row (as copied from Excel) replaces the table, columns matched by name.
      const text = replaceRows(this.inputText, table, [keys.map((k) => k ?? ''), ...this.normalRows(table, keys, block.slice(1))]);
      if (text !== undefined) this.emit(text);
      return;
    }
    const at = table.columns.slice(column).map((k) => k);
    this.emit(pasteBlock(this.inputText, table, row, column, this.normalRows(table, at, block)));
  }

  /** Each cell of a block as the engine reads it, column by column as `keys` names them. */
  private normalRows(table: InputTable, keys: readonly (string | undefined)[], rows: readonly (readonly string[])[]): string[][] {
    const columns = this.columnsOf(table.name);
    return rows.map((cells) => cells.map((cell, j) => normalCell(cell, columns.find((c) => c.name === keys[j])).text));
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
    // How a CSV was read, when it was not UTF-8 (said with the import's notice).
    let read = '';
    if (/\.xlsx$/i.test(file.name)) {
      const read = readXlsx(new Uint8Array(await file.arrayBuffer()));
      this.refused = read.ok ? undefined : { file: file.name, problem: read.problem };
      if (!read.ok) return undefined;
      rows = read.rows;
    } else {
      // What Chinese Excel saves as CSV is GB18030: recognised, decoded, and said so.
      const decoded = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()), { encoding: 'auto', file: file.name });
      if (!decoded.ok) {
        this.dispatchEvent(new NoticeEvent(`${file.name}：${decoded.issues[0]?.message[this.locale] ?? ''}`));
        return undefined;
      }
      if (decoded.value.encoding !== 'utf-8') read = `；${file.name}：${t(this.locale, 'gridDecoded')} ${decoded.value.encoding.toUpperCase()}`;
      rows = parseDelimited(decoded.value.text, /\.tsv$/i.test(file.name) ? '\t' : ',');
    }
    const keys = rows[0] ? headerKeys(rows[0], this.columnsOf(target.name), target.name) : undefined;
    const text = keys ? replaceRows(this.inputText, target, [keys.map((k) => k ?? ''), ...this.normalRows(target, keys, rows.slice(1))]) : replaceRows(this.inputText, target, rows);
    this.dispatchEvent(new NoticeEvent(text === undefined ? t(this.locale, 'gridImportFailed') : `${t(this.locale, 'gridImported')}: ${rows.length - 1} (${target.name})${read}`));
    return text;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'input-grid': InputGrid;
  }
}
