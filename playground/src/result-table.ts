/**
 * `<result-table>`: the settlement's named values, money grouped by thousands. Each name is a
 * button: Enter or a click selects the figure (FigureSelectedEvent); ↑/↓ move between rows.
 */
import { LitElement, html, css, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { FigureSelectedEvent } from './events.js';
import { formatFigure, isNegativeText } from './format.js';
import { t, type Locale } from './i18n.js';
import { labelOf, type Labels } from './labels.js';
import { shared } from './styles.js';
import type { Settlement } from 'yibao-settle';

export class ResultTable extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
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
    `,
  ];

  @property({ attribute: false }) settlement: Settlement | undefined;
  @property({ attribute: false }) labels: Labels = new Map();
  @property() locale: Locale = 'zh';
  @property() selected: string | undefined;
  @property({ type: Boolean }) stale = false;

  protected override render(): unknown {
    const s = this.settlement;
    if (!s) return html`<p class="empty">${t(this.locale, 'noResult')}</p>`;
    const names = Object.keys(s.values);
    return html`
      <table class=${this.stale ? 'stale' : ''} aria-label=${t(this.locale, 'viewValues')}>
        <thead>
          <tr>
            <th>${t(this.locale, 'name')}</th>
            <th class="num">${t(this.locale, 'value')}</th>
          </tr>
        </thead>
        <tbody @keydown=${this.onKey}>
          ${names.map((name) => {
            const value = s.values[name] ?? '';
            const kind = s.figures[name]?.kind ?? (/^-?\d+\.\d\d$/.test(value) ? 'money' : 'number');
            return html`<tr
              data-name=${name}
              class="${name === this.selected ? 'selected' : ''} ${name.includes('.') ? 'member' : ''}"
            >
              <td class="name">
                <button class="link" @click=${() => this.select(name)} aria-pressed=${name === this.selected ? 'true' : 'false'}>
                  ${labelOf(this.labels, name, this.locale)}<span class="id muted mono">${name}</span>
                </button>
              </td>
              <td class="num value ${isNegativeText(value) ? 'negative' : ''}" data-kind=${kind}>
                ${formatFigure(value, kind)}
              </td>
            </tr>`;
          })}
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
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('td.name button')];
    const index = buttons.findIndex((b) => b === this.renderRoot.querySelector(':focus'));
    const next = buttons[index + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }

  /** Scrolls the row of `name` into view (after the selection came from elsewhere). */
  reveal(name: string): void {
    const row = this.renderRoot.querySelector(`tr[data-name="${CSS.escape(name)}"]`);
    row?.scrollIntoView({ block: 'nearest' });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'result-table': ResultTable;
  }
}
