/**
 * `<result-table>`: the settlement's named values, money grouped by thousands. Each name is a
 * button: Enter or a click selects the figure (FigureSelectedEvent); ↑/↓ move between rows. A
 * long list (2,000 members) draws only the rows in view (virtual-rows.ts).
 */
import { LitElement, html, css, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { FigureSelectedEvent } from './events.js';
import { formatFigure, isNegativeText, printedKind } from './format.js';
import { t, type Locale } from './i18n.js';
import { labelOf, type Labels } from './labels.js';
import { shared } from './styles.js';
import { VirtualRows } from './virtual-rows.js';
import type { Settlement } from 'yibao-settle';

/** A row's height when the list is drawn in part: one line, whatever the label. */
const ROW_HEIGHT = 27;

export class ResultTable extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        --row-height: ${ROW_HEIGHT}px;
        display: block;
      }
      tr.selected td {
        background: var(--selected, #e8f1fb);
      }
      tr.member td:first-child {
        padding-left: 22px;
      }
      td.name button {
        width: 100%;
      }
      .id {
        font-size: 11px;
        margin-left: 6px;
      }
      .stale {
        opacity: 0.55;
      }
      table.virtual td {
        max-width: 0;
      }
      table.virtual td.name {
        width: 70%;
      }
      table.virtual td.name button {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        display: block;
      }
    `,
  ];

  @property({ attribute: false }) settlement: Settlement | undefined;
  @property({ attribute: false }) labels: Labels = new Map();
  @property() locale: Locale = 'zh';
  @property() selected: string | undefined;
  @property({ type: Boolean }) stale = false;

  private readonly rows = new VirtualRows(this, () => this.renderRoot.querySelector('tbody'), ROW_HEIGHT);

  protected override render(): unknown {
    const s = this.settlement;
    if (!s) return html`<p class="empty">${t(this.locale, 'noResult')}</p>`;
    const names = Object.keys(s.values);
    const w = this.rows.window(names.length, 2);
    const virtual = w.before !== '' || w.after !== '';
    return html`
      <table class="${this.stale ? 'stale' : ''} ${virtual ? 'virtual' : ''}" aria-label=${t(this.locale, 'viewValues')} aria-rowcount=${names.length + 1}>
        <thead>
          <tr>
            <th>${t(this.locale, 'name')}</th>
            <th class="num">${t(this.locale, 'value')}</th>
          </tr>
        </thead>
        <tbody @keydown=${this.onKey}>
          ${w.before}
          ${names.slice(w.start, w.end).map((name, k) => {
            const value = s.values[name] ?? '';
            const kind = s.figures[name]?.kind ?? printedKind(value);
            return html`<tr
              data-name=${name}
              data-index=${w.start + k}
              aria-rowindex=${w.start + k + 2}
              class="${name === this.selected ? 'selected' : ''} ${name.includes('.') ? 'member' : ''}"
            >
              <td class="name">
                <button class="link" title=${virtual ? `${labelOf(this.labels, name, this.locale)} ${name}` : ''} @click=${() => this.select(name)} aria-pressed=${name === this.selected ? 'true' : 'false'}>
                  ${labelOf(this.labels, name, this.locale)}<span class="id muted mono">${name}</span>
                </button>
              </td>
              <td class="num value ${isNegativeText(value) ? 'negative' : ''}" data-kind=${kind} title=${formatFigure(value, kind) === value || kind === 'money' ? '' : value}>
                ${formatFigure(value, kind)}
              </td>
            </tr>`;
          })}
          ${w.after}
        </tbody>
      </table>
      ${names.length === 0 ? html`<p class="empty">${t(this.locale, 'noResult')}</p>` : nothing}
    `;
  }

  private select(name: string): void {
    this.dispatchEvent(new FigureSelectedEvent(name));
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const row = (this.renderRoot.querySelector(':focus') as HTMLElement | null)?.closest('tr');
    const index = Number(row?.dataset['index'] ?? -1) + (event.key === 'ArrowDown' ? 1 : -1);
    if (row === null || row === undefined || index < 0 || index >= Object.keys(this.settlement?.values ?? {}).length) return;
    event.preventDefault();
    void this.focusRow(index);
  }

  /** Scrolls row `index` into view, draws it, and focuses its name. */
  private async focusRow(index: number): Promise<void> {
    this.rows.scrollTo(index);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(`tr[data-index="${index}"] td.name button`)?.focus();
  }

  /** Scrolls the row of `name` into view (after the selection came from elsewhere). */
  reveal(name: string): void {
    const index = Object.keys(this.settlement?.values ?? {}).indexOf(name);
    if (index < 0) return;
    this.rows.scrollTo(index);
    void this.updateComplete.then(() => this.renderRoot.querySelector(`tr[data-name="${CSS.escape(name)}"]`)?.scrollIntoView({ block: 'nearest' }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'result-table': ResultTable;
  }
}
